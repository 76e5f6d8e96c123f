namespace SalesPlatform.Events.Diagnostics;

/// <summary>
/// Published by any service's operators or tests to prove the event path end to end (outbox,
/// relay, broker, inbox) without touching business data. Carries an ordinal so ordering and
/// exactly-once handling can be checked.
/// </summary>
/// <param name="Source">Who sent it (service or test name).</param>
/// <param name="Sequence">Ordinal within the sender's run.</param>
public sealed record PingRecorded(string Source, long Sequence) : IntegrationEvent;
