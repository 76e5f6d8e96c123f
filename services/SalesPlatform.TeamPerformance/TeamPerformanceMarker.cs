namespace SalesPlatform.TeamPerformance;

/// <summary>Marks this service's assembly for <c>WebApplicationFactory&lt;TeamPerformanceMarker&gt;</c> in tests (several services share a test run, so not <c>Program</c>).</summary>
public sealed class TeamPerformanceMarker;
