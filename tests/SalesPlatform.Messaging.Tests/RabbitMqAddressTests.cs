using SalesPlatform.Events.Diagnostics;

namespace SalesPlatform.Messaging.Tests;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void Parse_WithCredentialsPortAndVhost_ReadsEveryPart()
    {
        var address = RabbitMqAddress.Parse("amqp://app:s%40cret@127.0.0.1:5673/sales%2Ftest");

        Assert.Equal(new RabbitMqAddress("127.0.0.1", 5673, "sales/test", "app", "s@cret"), address);
    }

    [Fact]
    public void Parse_WithoutPathOrUser_UsesRootVhostAndGuest()
    {
        var address = RabbitMqAddress.Parse("amqp://localhost/");

        Assert.Equal(new RabbitMqAddress("localhost", 5672, "/", "guest", "guest"), address);
    }

    [Fact]
    public void Parse_WithHttpUri_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse("http://localhost:15672"));

        Assert.Contains("ConnectionStrings:rabbitmq", error.Message);
    }
}

public sealed class EventTypesTests
{
    [Fact]
    public void Resolve_WithEventTypeName_ReturnsTheType() =>
        Assert.Equal(typeof(PingRecorded), EventTypes.Resolve(typeof(PingRecorded).FullName!));

    [Theory]
    [InlineData("System.IO.File")]
    [InlineData("SalesPlatform.Events.IntegrationEvent")]
    [InlineData("SalesPlatform.Events.Money")]
    [InlineData("SalesPlatform.Messaging.OutboxMessage")]
    [InlineData("")]
    public void Resolve_WithAnythingButAConcreteEvent_ReturnsNull(string name) => Assert.Null(EventTypes.Resolve(name));
}
