namespace SalesPlatform.Opportunities.Domain;

// Several types in one file: the opportunity with the needs analysis, activities and stage history it is made of.
/// <summary>The needs-analysis record of needs confirmation: pain points, budget, decision process, decision makers.</summary>
public sealed record NeedsAnalysis(string? PainPoints, string? Budget, string? DecisionProcess, IReadOnlyList<string> DecisionMakers)
{
    /// <summary>The parts still missing, by field name.</summary>
    public IReadOnlyList<string> Missing() =>
    [
        .. string.IsNullOrWhiteSpace(PainPoints) ? new[] { "painPoints" } : [],
        .. string.IsNullOrWhiteSpace(Budget) ? new[] { "budget" } : [],
        .. string.IsNullOrWhiteSpace(DecisionProcess) ? new[] { "decisionProcess" } : [],
        .. DecisionMakers is null || DecisionMakers.Count == 0 ? new[] { "decisionMakers" } : [],
    ];
}

/// <summary>Something done on a deal: a contact, a visit, a demo, a trial or POC, an executive meeting.</summary>
public sealed class OpportunityActivity
{
    /// <summary>Activity kinds: which count as the initial contact, which as engaging a decision maker.</summary>
    public static readonly string[] Kinds = ["call", "visit", "meeting", "email", "wechat", "demo", "trial", "poc", "executive-meeting"];
    public static readonly string[] DecisionMakerKinds = ["trial", "poc", "executive-meeting"];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OpportunityId { get; init; }
    public string Kind { get; init; } = "";
    public string Note { get; init; } = "";
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>One stage change: who, when, from, to, the amount and probability after it, and why (moving back or lost).</summary>
public sealed class StageChange
{
    public long Id { get; init; }
    public Guid OpportunityId { get; init; }
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "CNY";
    public decimal Probability { get; init; }
    public string? Reason { get; init; }
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }

    /// <summary>How long the deal had been in <see cref="FromStage"/>.</summary>
    public TimeSpan? TimeInPreviousStage { get; init; }
}

/// <summary>
/// An opportunity (商机): a deal with a customer, owned by a rep, with collaborators (presales, technical) who may read it, moving
/// through the stages of <see cref="StagePolicy"/>. Opened once per converted lead or by hand.
/// </summary>
public sealed class Opportunity
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? CustomerId { get; private set; }
    public string? CustomerName { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public Guid? LeadId { get; private set; }
    public string? Source { get; private set; }
    public string? Campaign { get; private set; }
    public string? Industry { get; private set; }
    public string? Region { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "CNY";
    public DateOnly? ExpectedCloseDate { get; private set; }
    public string Stage { get; private set; } = "prospect-identification";
    public decimal Probability { get; private set; }
    public DateTimeOffset StageEnteredAt { get; private set; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public List<Guid> Collaborators { get; private set; } = [];
    public NeedsAnalysis? Needs { get; private set; }
    public string? LostReason { get; private set; }
    public string? Competitor { get; private set; }

    /// <summary>The fall-back position (BATNA) the rep recorded, and the competitors in the deal.</summary>
    public string? FallBack { get; private set; }
    public List<string> Competitors { get; private set; } = [];
    public DateTimeOffset? ClosedAt { get; private set; }
    public Guid? AcceptedQuoteId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsOpen => Stage is not (StagePolicy.Won or StagePolicy.Lost);

    private Opportunity()
    {
    }

    public static Opportunity Open(string name, Guid? customerId, string? customerName, Guid owner, Guid? partner, Guid? lead, string? source,
        string? campaign, string? industry, string? region, decimal amount, string currency, DateOnly? expectedClose, IEnumerable<Guid> collaborators,
        StageDefinition first, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Name = name, CustomerId = customerId, CustomerName = customerName, OwnerId = owner, PartnerId = partner, LeadId = lead,
        Source = source, Campaign = campaign, Industry = industry, Region = region, Amount = amount, Currency = currency, ExpectedCloseDate = expectedClose,
        Collaborators = [.. collaborators.Distinct()], Stage = first.Code, Probability = first.Probability, StageEnteredAt = now, LastActivityAt = now,
        CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>The customer is known now (created or linked by customers for the lead).</summary>
    public void LinkCustomer(Guid customerId, DateTimeOffset now)
    {
        CustomerId = customerId;
        UpdatedAt = now;
    }

    /// <summary>Moves to <paramref name="to"/> (the caller checked the policy) and returns the history row.</summary>
    public StageChange MoveTo(StageDefinition to, string by, string? reason, DateTimeOffset now)
    {
        var change = new StageChange
        {
            OpportunityId = Id, FromStage = Stage, ToStage = to.Code, Amount = Amount, Currency = Currency, Probability = to.Probability, Reason = reason,
            By = by, At = now, TimeInPreviousStage = now - StageEnteredAt,
        };
        Stage = to.Code;
        Probability = to.Probability;
        StageEnteredAt = now;
        LastActivityAt = now;
        UpdatedAt = now;
        if (!IsOpen)
        {
            ClosedAt = now;
        }
        else
        {
            ClosedAt = null;
            LostReason = null;
            Competitor = null;
        }

        return change;
    }

    public void MarkLost(string reason, string? competitor)
    {
        LostReason = reason;
        Competitor = competitor;
        if (competitor is not null && !Competitors.Contains(competitor))
        {
            Competitors = [.. Competitors, competitor];
        }
    }

    /// <summary>The customer accepted a quote: the deal is worth its total, in its currency.</summary>
    public void Accepted(Guid quoteId, decimal total, string currency, DateTimeOffset now)
    {
        AcceptedQuoteId = quoteId;
        Amount = total;
        Currency = currency;
        UpdatedAt = now;
    }

    public void Touched(DateTimeOffset at)
    {
        if (at > LastActivityAt)
        {
            LastActivityAt = at;
        }

        UpdatedAt = at > UpdatedAt ? at : UpdatedAt;
    }

    public void SetNeeds(NeedsAnalysis needs, DateTimeOffset now)
    {
        Needs = needs;
        Touched(now);
    }

    /// <summary>Edits what a rep may edit on an open deal; null leaves a value as it is.</summary>
    public void Edit(string? name, decimal? amount, DateOnly? expectedClose, IReadOnlyList<Guid>? collaborators, string? fallBack, IReadOnlyList<string>? competitors,
        DateTimeOffset now)
    {
        Name = name ?? Name;
        Amount = amount ?? Amount;
        ExpectedCloseDate = expectedClose ?? ExpectedCloseDate;
        Collaborators = collaborators is null ? Collaborators : [.. collaborators.Distinct()];
        FallBack = fallBack ?? FallBack;
        Competitors = competitors is null ? Competitors : [.. competitors.Distinct()];
        Touched(now);
    }
}
