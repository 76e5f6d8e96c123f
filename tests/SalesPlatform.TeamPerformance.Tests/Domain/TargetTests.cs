using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Tests.Domain;

public class TargetTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static Target Annual(decimal amount, Guid? personId = null) => Target.CreateAnnual(TargetMetrics.Revenue, 2026,
        personId is null ? Guid.NewGuid() : null, personId, null, null, amount, "CNY", "Revenue from signed contracts",
        "Sum of ContractSigned amounts", "Last year +10%", "Company growth plan", null, "director", Now);

    [Fact]
    public void CreateAnnual_WithoutSmartFields_NamesEachField()
    {
        var error = Assert.Throws<RequestValidationException>(() => Target.CreateAnnual("revenue", 2026, Guid.NewGuid(), null, null, null,
            100m, "CNY", "", "", null, null, new DateOnly(2027, 1, 1), "me", Now));

        Assert.Contains("specific", error.Errors.Keys);
        Assert.Contains("measure", error.Errors.Keys);
        Assert.Contains("deadline", error.Errors.Keys);
    }

    [Fact]
    public void CreateAnnual_WithTwoOwners_Throws400()
    {
        var error = Assert.Throws<RequestValidationException>(() => Target.CreateAnnual("revenue", 2026, Guid.NewGuid(), Guid.NewGuid(), null,
            null, 100m, "CNY", "x", "y", null, null, null, "me", Now));

        Assert.Contains("owner", error.Errors.Keys);
    }

    [Fact]
    public void Adjust_KeepsOldValueReasonAndWho()
    {
        var target = Annual(1000m);

        target.Adjust(1200m, "Monthly review: new key account", "erin", Now.AddDays(30));

        var adjustment = Assert.Single(target.Adjustments);
        Assert.Equal(1000m, adjustment.OldAmount);
        Assert.Equal(1200m, adjustment.NewAmount);
        Assert.Equal("Monthly review: new key account", adjustment.Reason);
        Assert.Equal("erin", adjustment.AdjustedBy);
        Assert.Equal(1200m, target.Amount);
    }

    [Fact]
    public void Adjust_WithoutReason_Throws400()
    {
        Assert.Throws<RequestValidationException>(() => Annual(1000m).Adjust(1200m, " ", "erin", Now));
    }

    [Fact]
    public void TreeAdjust_Parent_ResplitsChildrenByWeightAndTheySumExactly()
    {
        var root = Annual(1200.00m);
        var months = Enumerable.Range(1, 12)
            .Select(m => root.Child(null, null, null, null, m, m == 12 ? 2 : 1, 100m, "director", Now.AddTicks(m))).ToList();
        var tree = new List<Target> { root };
        tree.AddRange(months);

        var changed = TargetTree.Adjust(tree, root.Id, 1000.00m, "Market slowdown", "director", Now);

        Assert.Equal(1000.00m, months.Sum(m => m.Amount));
        Assert.Equal(153.85m, months[11].Amount); // weight 2 of 13
        Assert.Contains(root, changed);
        Assert.All(months, m => Assert.Equal("parent target adjusted: Market slowdown", Assert.Single(m.Adjustments).Reason));
    }

    [Fact]
    public void TreeAdjust_Child_ResumsAncestors()
    {
        var root = Annual(300.00m);
        var region = root.Child(Guid.NewGuid(), null, null, null, null, 2, 200.00m, "d", Now.AddTicks(1));
        var other = root.Child(Guid.NewGuid(), null, null, null, null, 1, 100.00m, "d", Now.AddTicks(2));
        var rep = region.Child(null, Guid.NewGuid(), null, null, null, 1, 200.00m, "d", Now.AddTicks(3));

        TargetTree.Adjust([root, region, other, rep], rep.Id, 250.00m, "Won a big account", "erin", Now);

        Assert.Equal(250.00m, region.Amount);
        Assert.Equal(350.00m, root.Amount);
        Assert.Equal(region.Amount + other.Amount, root.Amount);
        Assert.Equal("child target adjusted: Won a big account", Assert.Single(root.Adjustments).Reason);
    }

    [Fact]
    public void Lookup_MonthlyRows_SumsTheMonthsOfTheQuarter()
    {
        var person = Guid.NewGuid();
        var root = Annual(1200m, person);
        var months = Enumerable.Range(1, 12).Select(m => root.Child(null, null, null, null, m, 1, 100m + m, "d", Now)).ToList();
        var rows = months.Append(root).ToList();

        Assert.Equal(101m + 102m + 103m, TargetLookup.For(rows, TargetMetrics.Revenue, TargetOwner.Person(person), Period.Parse("2026-Q1")));
        Assert.Equal(110m, TargetLookup.For(rows, TargetMetrics.Revenue, TargetOwner.Person(person), Period.Parse("2026-10")));
    }

    [Fact]
    public void Lookup_OnlyAnnualRow_ProRatesAMonth()
    {
        var person = Guid.NewGuid();
        var rows = new[] { Annual(1000m, person) };

        Assert.Equal(83.33m, TargetLookup.For(rows, TargetMetrics.Revenue, TargetOwner.Person(person), Period.Parse("2026-11")));
        Assert.Equal(1000m, TargetLookup.For(rows, TargetMetrics.Revenue, TargetOwner.Person(person), Period.Parse("2026")));
        Assert.Null(TargetLookup.For(rows, TargetMetrics.Collections, TargetOwner.Person(person), Period.Parse("2026")));
    }
}
