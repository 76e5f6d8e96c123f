using SalesPlatform.Contracts.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.Contracts.Tests;

/// <summary>The approval matrix at its edge and each step mode, without infrastructure.</summary>
public sealed class ApprovalPolicyTests
{
    [Theory]
    [InlineData("499999.99", "sales-director", "any")]
    [InlineData("500000.00", "finance,legal,vp", "all")]
    [InlineData("0.01", "sales-director", "any")]
    public void Matrix_Below500000IsTheSalesDirector_500000AndAboveFinanceLegalAndAVp(string amount, string roles, string mode)
    {
        var step = Assert.Single(ApprovalPolicy.Default.StepsFor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((roles, mode), (string.Join(",", step.Roles), step.Mode));
    }

    [Fact]
    public void Modes_AnyOneCompletes_AllNeedsEveryRoleInAnyOrder_InSequenceLetsOnlyTheNextDecide()
    {
        IReadOnlyList<ApprovalStep> any = [new([Roles.Finance, Roles.Vp], "any")];
        IReadOnlyList<ApprovalStep> all = [new([Roles.Finance, Roles.Legal, Roles.Vp], "all")];
        IReadOnlyList<ApprovalStep> sequence = [new([Roles.Legal, Roles.Finance, Roles.Vp], "in-sequence")];

        Assert.True(ApprovalPolicy.Progress(any, [Roles.Vp]).Complete);
        Assert.Equal([Roles.Finance, Roles.Legal, Roles.Vp], ApprovalPolicy.Progress(all, []).RolesThatMayDecide);
        Assert.Equal([Roles.Finance, Roles.Legal], ApprovalPolicy.Progress(all, [Roles.Vp]).RolesThatMayDecide);
        Assert.False(ApprovalPolicy.Progress(all, [Roles.Vp, Roles.Legal]).Complete);
        Assert.True(ApprovalPolicy.Progress(all, [Roles.Vp, Roles.Legal, Roles.Finance]).Complete);
        Assert.Equal([Roles.Legal], ApprovalPolicy.Progress(sequence, []).RolesThatMayDecide);
        Assert.Equal([Roles.Finance], ApprovalPolicy.Progress(sequence, [Roles.Legal]).RolesThatMayDecide);
    }

    [Fact]
    public void Steps_AreTakenInOrder()
    {
        IReadOnlyList<ApprovalStep> steps = [new([Roles.SalesDirector], "any"), new([Roles.Finance, Roles.Vp], "all")];

        Assert.Equal([Roles.SalesDirector], ApprovalPolicy.Progress(steps, [Roles.Finance]).RolesThatMayDecide);
        Assert.Equal(1, ApprovalPolicy.Progress(steps, [Roles.SalesDirector]).CurrentStep);
        Assert.Equal([Roles.Finance, Roles.Vp], ApprovalPolicy.Progress(steps, [Roles.SalesDirector]).RolesThatMayDecide);
    }

    [Fact]
    public void Validation_RefusesGapsUnknownRolesAndModes()
    {
        var gap = ApprovalPolicy.Default with { Bands = [new(0m, 400_000m, [new([Roles.SalesDirector], "any")]), new(500_000m, null, [new([Roles.Vp], "any")])] };
        var bad = ApprovalPolicy.Default with { Bands = [new(0m, null, [new(["wizard"], "majority")])] };

        Assert.Contains("bands", gap.Validate().Keys);
        Assert.Equal(["bands[0].steps[0].mode", "bands[0].steps[0].roles"], bad.Validate().Keys.Order(StringComparer.Ordinal));
        Assert.Empty(ApprovalPolicy.Default.Validate());
    }
}
