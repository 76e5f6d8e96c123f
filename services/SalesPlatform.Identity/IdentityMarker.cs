namespace SalesPlatform.Identity;

/// <summary>Marks this assembly for <c>WebApplicationFactory&lt;IdentityMarker&gt;</c> in tests.</summary>
public sealed class IdentityMarker;
