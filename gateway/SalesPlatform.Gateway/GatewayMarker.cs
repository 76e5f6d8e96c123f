namespace SalesPlatform.Gateway;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;GatewayMarker&gt;</c> in tests.</summary>
public sealed class GatewayMarker;
