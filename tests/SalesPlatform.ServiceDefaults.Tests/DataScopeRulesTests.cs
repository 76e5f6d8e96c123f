using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults.Tests;

/// <summary>The one role rule for how far a caller sees (數據權限), shared by every service.</summary>
public sealed class DataScopeRulesTests
{
    [Theory]
    [InlineData(Roles.Admin, DataReach.All)]
    [InlineData(Roles.Vp, DataReach.All)]
    [InlineData(Roles.SalesDirector, DataReach.All)]
    [InlineData(Roles.Analyst, DataReach.All)]
    [InlineData(Roles.RegionManager, DataReach.Subtree)]
    [InlineData(Roles.ProvinceManager, DataReach.Subtree)]
    [InlineData(Roles.CitySupervisor, DataReach.Subtree)]
    [InlineData(Roles.Rep, DataReach.Own)]
    [InlineData(Roles.Finance, DataReach.Own)]
    [InlineData(Roles.ServiceAgent, DataReach.Own)]
    public void ReachOf_ByRole(string role, DataReach expected) =>
        Assert.Equal(expected, DataScopeRules.ReachOf(new Caller(Guid.NewGuid(), new HashSet<string> { role }, null, "x")));

    [Fact]
    public void ReachOf_APartner_IsOwnEvenWithAnAdminRoleClaim() =>
        Assert.Equal(DataReach.Own, DataScopeRules.ReachOf(new Caller(null, new HashSet<string> { Roles.Admin }, Guid.NewGuid(), "p")));
}
