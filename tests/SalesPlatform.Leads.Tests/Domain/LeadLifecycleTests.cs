using Microsoft.Extensions.Time.Testing;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Tests.Domain;

public sealed class LeadLifecycleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    private Lead NewLead(string grade)
    {
        var (details, _) = LeadInputTests.Valid().Normalize("CN");
        var lead = Lead.Capture(details!, clock.GetUtcNow());
        lead.ApplyScore(new ScoreBreakdown(grade switch { "A" => 90, "B" => 65, "C" => 45, _ => 20 }, grade, []), clock.GetUtcNow());
        return lead;
    }

    [Theory]
    [InlineData("A", 1, 59, false)]
    [InlineData("A", 2, 1, true)]
    [InlineData("B", 23, 59, false)]
    [InlineData("B", 24, 1, true)]
    public void MarkFirstContactBreached_AroundDueTime_BreachesOnlyAfterIt(string grade, int hours, int minutes, bool breached)
    {
        var lead = NewLead(grade);
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);

        clock.Advance(new TimeSpan(hours, minutes, 0));

        Assert.Equal(breached, lead.MarkFirstContactBreached(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(1, 59, false)]
    [InlineData(2, 1, true)]
    public void SlaClock_RunsFromCapture_ALeadQueuedForHoursIsLateWhenAssigned(int hours, int minutes, bool breached)
    {
        var lead = NewLead("A");
        lead.TimeFirstContact(SlaPolicy.Default, clock.GetUtcNow());
        var captured = clock.GetUtcNow();

        clock.Advance(new TimeSpan(hours, minutes, 0));
        lead.Assign(Guid.NewGuid(), "from the queue", clock.GetUtcNow(), SlaPolicy.Default);

        Assert.Equal(captured.AddHours(2), lead.FirstContactDueAt);
        Assert.Equal(breached, lead.MarkFirstContactBreached(clock.GetUtcNow()));
    }

    [Fact]
    public void SlaClock_GradeRisesFromBToA_RetimedFromCapture()
    {
        var lead = NewLead("B");
        var captured = clock.GetUtcNow();
        lead.Assign(Guid.NewGuid(), "test", captured, SlaPolicy.Default);
        Assert.Equal(captured.AddHours(24), lead.FirstContactDueAt);

        clock.Advance(TimeSpan.FromHours(3));
        lead.ApplyScore(new ScoreBreakdown(90, "A", []), clock.GetUtcNow(), SlaPolicy.Default);

        Assert.Equal(captured.AddHours(2), lead.FirstContactDueAt);
        Assert.True(lead.MarkFirstContactBreached(clock.GetUtcNow()));
    }

    [Fact]
    public void SlaClock_GradeFallsFromAToBAfterABreach_MovesTheDueTimeAndClearsTheBreach()
    {
        var lead = NewLead("A");
        var captured = clock.GetUtcNow();
        lead.Assign(Guid.NewGuid(), "test", captured, SlaPolicy.Default);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.True(lead.MarkFirstContactBreached(clock.GetUtcNow()));

        lead.ApplyScore(new ScoreBreakdown(65, "B", []), clock.GetUtcNow(), SlaPolicy.Default);

        Assert.Equal(captured.AddHours(24), lead.FirstContactDueAt);
        Assert.Null(lead.FirstContactBreachedAt);
        clock.Advance(TimeSpan.FromHours(21) + TimeSpan.FromMinutes(1));
        Assert.True(lead.MarkFirstContactBreached(clock.GetUtcNow()));
    }

    [Fact]
    public void MarkFirstContactBreached_Twice_ReportsOnce()
    {
        var lead = NewLead("A");
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);
        clock.Advance(TimeSpan.FromHours(3));

        Assert.True(lead.MarkFirstContactBreached(clock.GetUtcNow()));
        Assert.False(lead.MarkFirstContactBreached(clock.GetUtcNow()));
    }

    [Fact]
    public void LogActivity_First_StopsFirstContactClockAndSetsCadence()
    {
        var lead = NewLead("A");
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);
        clock.Advance(TimeSpan.FromHours(1));

        var first = lead.LogActivity(clock.GetUtcNow(), null, SlaPolicy.Default, clock.GetUtcNow());
        var second = lead.LogActivity(clock.GetUtcNow(), null, SlaPolicy.Default, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(5));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(LeadStatus.Contacted, lead.Status);
        Assert.False(lead.MarkFirstContactBreached(clock.GetUtcNow()));
        Assert.Equal(clock.GetUtcNow().AddHours(-5).AddDays(7), lead.NextFollowUpDueAt);
    }

    [Fact]
    public void MarkFollowUpBreached_AfterCadence_ReportsOncePerDueTime()
    {
        var lead = NewLead("A");
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);
        lead.LogActivity(clock.GetUtcNow(), null, SlaPolicy.Default, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.False(lead.MarkFollowUpBreached(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(lead.MarkFollowUpBreached(clock.GetUtcNow()));
        Assert.False(lead.MarkFollowUpBreached(clock.GetUtcNow()));
    }

    [Fact]
    public void Convert_Twice_SecondReturnsFalse()
    {
        var lead = NewLead("A");
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);
        lead.LogActivity(clock.GetUtcNow(), null, SlaPolicy.Default, clock.GetUtcNow());

        Assert.True(lead.Convert("deal", clock.GetUtcNow(), ConversionPolicy.Default));
        Assert.False(lead.Convert("other", clock.GetUtcNow(), ConversionPolicy.Default));
        Assert.Equal("deal", lead.OpportunityName);
    }

    [Fact]
    public void Convert_QueuedLead_IsRefused()
    {
        var lead = NewLead("A");

        Assert.Throws<BusinessRuleException>(() => lead.Convert("deal", clock.GetUtcNow(), ConversionPolicy.Default));
    }

    [Fact]
    public void Convert_DLeadNeverContacted_RefusedNamingBothMissingCriteria()
    {
        var lead = NewLead("D");
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);

        var refused = Assert.Throws<BusinessRuleException>(() => lead.Convert("deal", clock.GetUtcNow(), ConversionPolicy.Default));

        Assert.Equal("lead.not-qualified", refused.Code);
        var missing = Assert.IsType<IReadOnlyList<string>>(refused.Details["missing"], exactMatch: false);
        Assert.Equal(2, missing.Count);
        Assert.StartsWith("grade:", missing[0]);
        Assert.StartsWith("firstContact:", missing[1]);
    }

    [Theory]
    [InlineData("C", true)]
    [InlineData("D", false)]
    public void Convert_ContactedLead_ConvertsByGradeAtTheEdgeOfThePolicy(string grade, bool converts)
    {
        var lead = NewLead(grade);
        lead.Assign(Guid.NewGuid(), "test", clock.GetUtcNow(), SlaPolicy.Default);
        lead.LogActivity(clock.GetUtcNow(), null, SlaPolicy.Default, clock.GetUtcNow());

        if (converts)
        {
            Assert.True(lead.Convert("deal", clock.GetUtcNow(), ConversionPolicy.Default));
        }
        else
        {
            Assert.Throws<BusinessRuleException>(() => lead.Convert("deal", clock.GetUtcNow(), ConversionPolicy.Default));
        }
    }

    [Fact]
    public void Reopen_NurturingLead_BackToItsOwnerWithAFreshClock()
    {
        var lead = NewLead("A");
        var owner = Guid.NewGuid();
        lead.Assign(owner, "test", clock.GetUtcNow(), SlaPolicy.Default);
        lead.Recycle("next year", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(90));

        Assert.Equal("nurturing", lead.Reopen("budget approved", clock.GetUtcNow(), SlaPolicy.Default));

        Assert.Equal((LeadStatus.Assigned, owner), (lead.Status, lead.OwnerId));
        Assert.Equal(clock.GetUtcNow().AddHours(2), lead.FirstContactDueAt);
        Assert.Throws<BusinessRuleException>(() => lead.Reopen("again", clock.GetUtcNow(), SlaPolicy.Default));
    }

    [Fact]
    public void Validate_SlaWithNegativeDuration_IsInvalid()
    {
        var policy = new SlaPolicy([new GradeSla("A", TimeSpan.FromHours(-1), null)]);

        Assert.NotEmpty(policy.Validate());
    }
}
