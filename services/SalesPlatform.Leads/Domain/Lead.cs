using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Domain;

// Several types in one file: The lead aggregate with its status, details, activities and the small value records only it uses.
/// <summary>Where a lead is in its life: waiting for an owner, owned, contacted, or closed one way or another.</summary>
public enum LeadStatus
{
    Queued,
    Assigned,
    Contacted,
    Converted,
    Disqualified,
    Nurturing,
}

/// <summary>A prospective customer contact with its source, consent, score, owner and response clock.</summary>
public sealed class Lead
{
    public Guid Id { get; private set; }
    public string Source { get; private set; } = "";
    public string? Campaign { get; private set; }
    public Guid? PartnerId { get; private set; }

    public string Company { get; private set; } = "";
    public string? Industry { get; private set; }
    public string? CompanySize { get; private set; }
    public string? Region { get; private set; }
    public string? Province { get; private set; }
    public string? City { get; private set; }

    public string ContactName { get; private set; } = "";
    public string? ContactTitle { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>Normalised company name (de-dup key part).</summary>
    public string CompanyKey { get; private set; } = "";

    /// <summary>The customer this lead's company is already (from the customers service's events): repeat business, converted into that customer.</summary>
    public Guid? ExistingCustomerId { get; private set; }
    /// <summary>Normalised company + contact name (de-dup key).</summary>
    public string IdentityKey { get; private set; } = "";

    public decimal? BudgetAmount { get; private set; }
    public string? BudgetCurrency { get; private set; }
    public bool BudgetConfirmed { get; private set; }
    public DateOnly? ExpectedStart { get; private set; }
    public string? PurchasingCycle { get; private set; }

    /// <summary>Colleagues working on the lead with its owner (presales, technical: added to an activity); they can read it.</summary>
    public List<Guid> Collaborators { get; private set; } = [];

    public string LawfulBasis { get; private set; } = "";
    public bool OptOut { get; private set; }

    public InteractionCounts Interactions { get; private set; } = new();
    public decimal Score { get; private set; }
    public string Grade { get; private set; } = "D";
    public ScoreBreakdown Breakdown { get; private set; } = new(0, "D", []);

    public LeadStatus Status { get; private set; }
    public Guid? OwnerId { get; private set; }
    public string? AssignmentReason { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public string? QueueReason { get; private set; }

    /// <summary>How often the assignment queue has tried this lead in vain since it was last assigned.</summary>
    public int QueueAttempts { get; private set; }

    /// <summary>When the assignment queue tries this lead again (null = at its next run).</summary>
    public DateTimeOffset? NextQueueAttemptAt { get; private set; }

    public DateTimeOffset? FirstContactDueAt { get; private set; }
    public DateTimeOffset? FirstContactedAt { get; private set; }
    public DateTimeOffset? FirstContactBreachedAt { get; private set; }
    public DateTimeOffset? NextFollowUpDueAt { get; private set; }
    /// <summary>The follow-up due time whose breach was already reported (once per breach).</summary>
    public DateTimeOffset? FollowUpBreachReportedFor { get; private set; }

    public DateTimeOffset? ConvertedAt { get; private set; }
    public string? OpportunityName { get; private set; }
    public string? OutcomeReason { get; private set; }

    public DateTimeOffset CapturedAt { get; private set; }

    /// <summary>The queue time of a lead sent back to the pool: it waits to be claimed, the assignment queue leaves it.</summary>
    public static readonly DateTimeOffset WaitsToBeClaimed = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the owner last worked the lead: got it, or logged an activity (what the pool's return clock counts from).</summary>
    public DateTimeOffset? LastWorkedAt { get; private set; }

    /// <summary>The pool-return time the owner was last warned about.</summary>
    public DateTimeOffset? PoolWarningSentFor { get; private set; }

    /// <summary>How the owner is changing in this unit of work (kind, who), for the ownership history; not stored.</summary>
    public (string Kind, string By)? OwnershipNote { get; private set; }

    /// <summary>When the owner and their manager were reminded that first contact is due soon.</summary>
    public DateTimeOffset? FirstContactRemindedAt { get; private set; }

    /// <summary>When the response clock started: capture, or the last reactivation or reopening.</summary>
    public DateTimeOffset ClockStartedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private Lead()
    {
    }

    /// <summary>Creates a queued lead from already validated and normalised details.</summary>
    public static Lead Capture(LeadDetails details, DateTimeOffset now)
    {
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(now),
            Source = details.Source,
            Campaign = details.Campaign,
            PartnerId = details.PartnerId,
            LawfulBasis = details.LawfulBasis,
            OptOut = details.OptOut,
            Status = LeadStatus.Queued,
            QueueReason = "not yet assigned",
            CapturedAt = now,
            ClockStartedAt = now,
            UpdatedAt = now,
        };
        lead.SetDetails(details);
        return lead;
    }

    private void SetDetails(LeadDetails d)
    {
        Company = d.Company;
        Industry = d.Industry;
        CompanySize = d.CompanySize;
        Region = d.Region;
        Province = d.Province;
        City = d.City;
        ContactName = d.ContactName;
        ContactTitle = d.ContactTitle;
        Email = d.Email;
        Phone = d.Phone;
        BudgetAmount = d.BudgetAmount;
        BudgetCurrency = d.BudgetCurrency;
        BudgetConfirmed = d.BudgetConfirmed;
        ExpectedStart = d.ExpectedStart;
        PurchasingCycle = d.PurchasingCycle;
        CompanyKey = Normalizer.CompanyKey(d.Company);
        IdentityKey = Normalizer.IdentityKey(d.Company, d.ContactName);
    }

    /// <summary>Fills fields this lead lacks from a duplicate (import merge); returns the names of fields filled.</summary>
    public IReadOnlyList<string> MergeMissing(LeadDetails d, DateTimeOffset now)
    {
        var filled = new List<string>();
        Industry = Fill(Industry, d.Industry, "industry");
        CompanySize = Fill(CompanySize, d.CompanySize, "companySize");
        Region = Fill(Region, d.Region, "region");
        Province = Fill(Province, d.Province, "province");
        City = Fill(City, d.City, "city");
        ContactTitle = Fill(ContactTitle, d.ContactTitle, "contactTitle");
        Email = Fill(Email, d.Email, "email");
        Phone = Fill(Phone, d.Phone, "phone");
        if (BudgetAmount is null && d.BudgetAmount is not null)
        {
            BudgetAmount = d.BudgetAmount;
            BudgetCurrency = d.BudgetCurrency;
            filled.Add("budget");
        }

        if (ExpectedStart is null && d.ExpectedStart is not null)
        {
            ExpectedStart = d.ExpectedStart;
            filled.Add("expectedStart");
        }

        if (PurchasingCycle is null && d.PurchasingCycle is not null)
        {
            PurchasingCycle = d.PurchasingCycle;
            filled.Add("purchasingCycle");
        }

        if (filled.Count > 0)
        {
            UpdatedAt = now;
        }

        return filled;

        string? Fill(string? current, string? incoming, string name)
        {
            if (string.IsNullOrEmpty(current) && !string.IsNullOrEmpty(incoming))
            {
                filled.Add(name);
                return incoming;
            }

            return current;
        }
    }

    /// <summary>The facts the scoring policy looks at.</summary>
    /// <summary>Flags the lead as one of an existing customer; true when that is news.</summary>
    public bool MatchCustomer(Guid customerId)
    {
        if (ExistingCustomerId == customerId)
        {
            return false;
        }

        ExistingCustomerId = customerId;
        return true;
    }

    public ScoringFacts Facts() => new(Industry, CompanySize, ContactTitle, BudgetAmount, BudgetCurrency, BudgetConfirmed,
        ExpectedStart, Interactions, PurchasingCycle);

    /// <summary>Stores a score and its breakdown; a new grade re-times the first-contact clock (<paramref name="sla"/>).</summary>
    public void ApplyScore(ScoreBreakdown breakdown, DateTimeOffset now, SlaPolicy? sla = null)
    {
        var regraded = Grade != breakdown.Grade;
        Breakdown = breakdown;
        Score = breakdown.Score;
        Grade = breakdown.Grade;
        UpdatedAt = now;
        if (regraded && sla is not null)
        {
            TimeFirstContact(sla, now);
        }
    }

    /// <summary>
    /// Sets the first-contact due time from capture by the grade's SLA (a lead waiting in the queue is
    /// already late), until the first contact. A due time moved into the future clears a breach.
    /// </summary>
    public void TimeFirstContact(SlaPolicy sla, DateTimeOffset now)
    {
        if (FirstContactedAt is not null || !IsOpen)
        {
            return;
        }

        var due = sla.FirstContactDue(Grade, ClockStartedAt);
        if (due != FirstContactDueAt)
        {
            FirstContactDueAt = due;
            FirstContactRemindedAt = null;
            if (due is null || due > now)
            {
                FirstContactBreachedAt = null;
            }
        }
    }

    /// <summary>Records one interaction (site visit, e-mail open, form, event); the caller rescores.</summary>
    public void RecordInteraction(InteractionKind kind, DateTimeOffset now)
    {
        Interactions = Interactions.With(kind);
        UpdatedAt = now;
    }

    public bool IsOpen => Status is LeadStatus.Queued or LeadStatus.Assigned or LeadStatus.Contacted;

    /// <summary>Gives the lead an owner; the first-contact clock runs from capture (<see cref="TimeFirstContact"/>).</summary>
    public void Assign(Guid ownerId, string reason, DateTimeOffset now, SlaPolicy sla)
    {
        if (!IsOpen)
        {
            throw new BusinessRuleException("lead.closed", $"Lead {Id} is {Status} and cannot be assigned.");
        }

        OwnershipNote ??= (OwnerId is null ? "assigned" : "reassigned", "system");
        OwnerId = ownerId;
        AssignmentReason = reason;
        AssignedAt = now;
        LastWorkedAt = now;
        PoolWarningSentFor = null;
        QueueReason = null;
        QueueAttempts = 0;
        NextQueueAttemptAt = null;
        if (Status == LeadStatus.Queued)
        {
            Status = LeadStatus.Assigned;
        }

        TimeFirstContact(sla, now);
        UpdatedAt = now;
    }

    /// <summary>
    /// Leaves the lead in the queue after a vain attempt (no rule matched, no rep free): it is tried
    /// again after <paramref name="policy"/>'s back-off for its attempt count.
    /// </summary>
    public void Queue(string reason, DateTimeOffset now, AssignmentPolicy policy)
    {
        QueueReason = reason;
        QueueAttempts++;
        NextQueueAttemptAt = now + policy.RetryAfter(QueueAttempts);
        UpdatedAt = now;
    }

    /// <summary>Leaves the lead in the queue for the queue's next run, unpenalised (imported, or team performance was down).</summary>
    public void QueueForNextRun(string reason, DateTimeOffset now)
    {
        QueueReason = reason;
        NextQueueAttemptAt = null;
        UpdatedAt = now;
    }

    /// <summary>Adds <paramref name="people"/> (other than the owner) to the collaborators who may read this lead.</summary>
    public void AddCollaborators(IEnumerable<Guid> people)
    {
        var added = people.Where(p => p != Guid.Empty && p != OwnerId && !Collaborators.Contains(p)).Distinct().ToList();
        if (added.Count > 0)
        {
            Collaborators = [.. Collaborators, .. added];
        }
    }

    /// <summary>
    /// Logs a follow-up activity: the first one stops the first-contact clock (returns true); every
    /// one sets the next follow-up due time (its own next-step date, else the grade's cadence).
    /// </summary>
    public bool LogActivity(DateTimeOffset performedAt, DateTimeOffset? nextStepAt, SlaPolicy sla, DateTimeOffset now)
    {
        if (OwnerId is null || Status is not (LeadStatus.Assigned or LeadStatus.Contacted))
        {
            throw new BusinessRuleException("lead.not-assigned", "Activities are logged on assigned, open leads only.");
        }

        var first = FirstContactedAt is null;
        if (first)
        {
            FirstContactedAt = performedAt;
            Status = LeadStatus.Contacted;
        }

        NextFollowUpDueAt = nextStepAt ?? sla.FollowUpDue(Grade, performedAt);
        LastWorkedAt = LastWorkedAt is { } worked && worked > performedAt ? worked : performedAt;
        PoolWarningSentFor = null;
        UpdatedAt = now;
        return first;
    }

    /// <summary>Marks an overdue first contact as reported; false when not overdue or already reported.</summary>
    /// <summary>Marks the first-contact reminder as sent when the deadline is within its grade's reminder time; false otherwise or when already sent.</summary>
    public bool MarkFirstContactDueSoon(DateTimeOffset now, SlaPolicy sla)
    {
        if (FirstContactedAt is not null || FirstContactDueAt is not { } due || FirstContactRemindedAt is not null || !IsOpen || OwnerId is null
            || sla.RemindBefore(Grade) is not { } before || now < due - before || now >= due)
        {
            return false;
        }

        FirstContactRemindedAt = now;
        UpdatedAt = now;
        return true;
    }

    public bool MarkFirstContactBreached(DateTimeOffset now)
    {
        if (FirstContactedAt is not null || FirstContactDueAt is null || FirstContactBreachedAt is not null
            || !IsOpen || now <= FirstContactDueAt)
        {
            return false;
        }

        FirstContactBreachedAt = now;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Marks an overdue follow-up as reported; false when not overdue or this due time was already reported.</summary>
    public bool MarkFollowUpBreached(DateTimeOffset now)
    {
        if (NextFollowUpDueAt is null || !IsOpen || now <= NextFollowUpDueAt || FollowUpBreachReportedFor == NextFollowUpDueAt)
        {
            return false;
        }

        FollowUpBreachReportedFor = NextFollowUpDueAt;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Converts a qualified lead; false when it already was (the caller returns the earlier result).</summary>
    public bool Convert(string opportunityName, DateTimeOffset now, ConversionPolicy policy)
    {
        if (Status == LeadStatus.Converted)
        {
            return false;
        }

        if (OwnerId is null || Status is not (LeadStatus.Assigned or LeadStatus.Contacted))
        {
            throw new BusinessRuleException("lead.not-convertible", $"Only an assigned, open lead can be converted; this one is {Status}.");
        }

        if (policy.Missing(this) is { Count: > 0 } missing)
        {
            throw new BusinessRuleException("lead.not-qualified", "The lead is not qualified to convert: " + string.Join("; ", missing) + ".")
            {
                Details = new Dictionary<string, object?> { ["missing"] = missing },
            };
        }

        Status = LeadStatus.Converted;
        ConvertedAt = now;
        OpportunityName = opportunityName;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Closes the lead as not a fit.</summary>
    public void Disqualify(string reason, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new BusinessRuleException("lead.closed", $"Lead {Id} is {Status} and cannot be disqualified.");
        }

        Status = LeadStatus.Disqualified;
        OutcomeReason = reason;
        UpdatedAt = now;
    }

    /// <summary>Sends the lead back to nurturing; its SLA clocks stop.</summary>
    public void Recycle(string reason, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new BusinessRuleException("lead.closed", $"Lead {Id} is {Status} and cannot be recycled.");
        }

        Status = LeadStatus.Nurturing;
        OutcomeReason = reason;
        NextFollowUpDueAt = null;
        UpdatedAt = now;
    }

    /// <summary>
    /// Works a nurturing lead again (owner or manager) or a disqualified one (a manager): back to its owner,
    /// or to the pool without one; the response clock starts again now.
    /// </summary>
    public string Reopen(string reason, DateTimeOffset now, SlaPolicy sla)
    {
        if (Status is not (LeadStatus.Nurturing or LeadStatus.Disqualified))
        {
            throw new BusinessRuleException("lead.not-closed", $"Only a nurturing or disqualified lead can be reopened; this one is {Status}.");
        }

        var from = Status.ToString().ToLowerInvariant();
        Status = OwnerId is null ? LeadStatus.Queued : FirstContactedAt is null ? LeadStatus.Assigned : LeadStatus.Contacted;
        OutcomeReason = $"reopened from {from}: {reason}";
        ClockStartedAt = now;
        FirstContactBreachedAt = null;
        TimeFirstContact(sla, now);
        if (FirstContactedAt is not null)
        {
            NextFollowUpDueAt = sla.FollowUpDue(Grade, now);
        }

        UpdatedAt = now;
        return from;
    }

    /// <summary>Says who is changing the owner and how (<c>claimed</c>, <c>reassigned</c> ...), for the ownership history.</summary>
    public void NoteOwnership(string kind, string by) => OwnershipNote = (kind, by);

    /// <summary>
    /// Takes an unowned lead from the pool for <paramref name="person"/>; the pool policy's caps, cool-down and
    /// territory are checked by the caller (they need the history and team performance).
    /// </summary>
    public void Claim(Guid person, string by, DateTimeOffset now, SlaPolicy sla)
    {
        if (Status != LeadStatus.Queued || OwnerId is not null)
        {
            throw new ConflictException("lead.not-in-pool", $"Lead {Id} is not in the pool (it is {Status}).");
        }

        NoteOwnership("claimed", by);
        Assign(person, $"claimed from the pool by {by}", now, sla);
    }

    /// <summary>Sends an owned, open lead back to the pool (<c>released</c> by its owner, <c>returned</c> for want of follow-up).</summary>
    public Guid ReturnToPool(string kind, string reason, string by, DateTimeOffset now)
    {
        if (OwnerId is not { } owner || Status is not (LeadStatus.Assigned or LeadStatus.Contacted))
        {
            throw new BusinessRuleException("lead.not-owned", $"Only an owned, open lead goes back to the pool; this one is {Status}.");
        }

        NoteOwnership(kind, by);
        OwnerId = null;
        Status = LeadStatus.Queued;
        QueueReason = $"{kind} to the pool: {reason}";
        QueueAttempts = 0;
        NextQueueAttemptAt = WaitsToBeClaimed;
        NextFollowUpDueAt = null;
        PoolWarningSentFor = null;
        UpdatedAt = now;
        return owner;
    }

    /// <summary>Marks the pool-return warning for <paramref name="returnDue"/> as sent; false when it already was.</summary>
    public bool MarkPoolWarning(DateTimeOffset returnDue, DateTimeOffset now)
    {
        if (PoolWarningSentFor == returnDue)
        {
            return false;
        }

        PoolWarningSentFor = returnDue;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Clears the ownership note after the history row is written.</summary>
    internal void ClearOwnershipNote() => OwnershipNote = null;
}

/// <summary>Validated, normalised lead details (from the API or an import row).</summary>
public sealed record LeadDetails(
    string Source,
    string? Campaign,
    Guid? PartnerId,
    string Company,
    string? Industry,
    string? CompanySize,
    string? Region,
    string? Province,
    string? City,
    string ContactName,
    string? ContactTitle,
    string? Email,
    string? Phone,
    decimal? BudgetAmount,
    string? BudgetCurrency,
    bool BudgetConfirmed,
    DateOnly? ExpectedStart,
    string LawfulBasis,
    bool OptOut,
    string? PurchasingCycle = null);

/// <summary>Kinds of marketing interaction that feed the interaction-history dimension.</summary>
public enum InteractionKind
{
    SiteVisit,
    EmailOpen,
    Form,
    Event,
}

/// <summary>Counts of interactions so far.</summary>
public sealed record InteractionCounts(int SiteVisits = 0, int EmailOpens = 0, int Forms = 0, int Events = 0)
{
    public InteractionCounts With(InteractionKind kind) => kind switch
    {
        InteractionKind.SiteVisit => this with { SiteVisits = SiteVisits + 1 },
        InteractionKind.EmailOpen => this with { EmailOpens = EmailOpens + 1 },
        InteractionKind.Form => this with { Forms = Forms + 1 },
        InteractionKind.Event => this with { Events = Events + 1 },
        _ => this,
    };
}

/// <summary>A follow-up activity: call, e-mail, visit or demo, with outcome and next step.</summary>
public sealed class LeadActivity
{
    public Guid Id { get; init; }
    public Guid LeadId { get; init; }
    public Guid PerformedBy { get; init; }
    public string Kind { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? NextStep { get; init; }
    public DateTimeOffset? NextStepAt { get; init; }
    public DateTimeOffset PerformedAt { get; init; }
    /// <summary>Presales/technical colleagues pulled in for complex needs.</summary>
    public List<Guid> Participants { get; init; } = [];
}

/// <summary>A contact who opted out: imports and captures with this e-mail or phone are refused.</summary>
public sealed class Suppression
{
    /// <summary>Normalised e-mail or E.164 phone.</summary>
    public string Value { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset AddedAt { get; init; }
}
