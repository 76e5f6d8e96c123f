using System.Diagnostics;
using SalesPlatform.Events.Diagnostics;

namespace SalesPlatform.Messaging.Tests;

/// <summary>An event's outbox row carries the trace of the request that wrote it, so publication and handling join that trace.</summary>
public sealed class OutboxTraceTests
{
    [Fact]
    public void From_InsideAnActivity_RecordsItsTraceParent()
    {
        using var source = new ActivitySource("test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var request = source.StartActivity("POST /api/leads")!;

        var row = OutboxMessage.From(new PingRecorded("trace", 1), DateTimeOffset.UtcNow);

        Assert.Equal(request.Id, row.TraceParent);
        Assert.True(ActivityContext.TryParse(row.TraceParent, null, out var parsed));
        Assert.Equal(request.TraceId, parsed.TraceId);
    }

    [Fact]
    public void From_WithoutAnActivity_RecordsNoTraceParent()
    {
        Activity.Current = null;

        Assert.Null(OutboxMessage.From(new PingRecorded("none", 2), DateTimeOffset.UtcNow).TraceParent);
    }
}
