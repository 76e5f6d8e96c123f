using MassTransit;
using SalesPlatform.Events.Leads;

namespace SalesPlatform.Messaging.Tests;

/// <summary>
/// Every service's queues carry its name: team performance and customers both have a <c>LeadConvertedConsumer</c>, and one
/// shared <c>lead-converted</c> queue would hand each event to only one of them.
/// </summary>
public sealed class EndpointNameTests
{
    public sealed class LeadConvertedConsumer : IConsumer<LeadConverted>
    {
        public Task Consume(ConsumeContext<LeadConverted> context) => Task.CompletedTask;
    }

    [Theory]
    [InlineData("SalesPlatform.Customers", "customers-lead-converted")]
    [InlineData("SalesPlatform.TeamPerformance", "teamperformance-lead-converted")]
    [InlineData("SalesPlatform.Opportunities", "opportunities-lead-converted")]
    public void ConsumersOfTwoServices_GetQueuesOfTheirOwn(string application, string queue)
    {
        var formatter = new KebabCaseEndpointNameFormatter(MessagingOptions.DefaultPrefix(application), includeNamespace: false);

        Assert.Equal(queue, formatter.Consumer<LeadConvertedConsumer>());
    }
}
