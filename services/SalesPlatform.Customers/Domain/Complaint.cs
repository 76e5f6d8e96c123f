using SalesPlatform.Domain;

namespace SalesPlatform.Customers.Domain;

// Several types in one file: a complaint with its statuses and the policy that times its response.
/// <summary>Where a complaint is.</summary>
public static class ComplaintStatus
{
    public const string Open = "open";
    public const string Responded = "responded";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
}

/// <summary>
/// A customer complaint (客诉): category and severity, a response due by the severity's time, escalation to the
/// owner's manager when it passes, a resolution with its corrective action, closure only when the customer
/// confirms it, and re-opening (which restarts the response clock).
/// </summary>
public sealed class Complaint
{
    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Category { get; private set; } = "";
    public string Severity { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Status { get; private set; } = ComplaintStatus.Open;
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset ResponseDueAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public DateTimeOffset? BreachedAt { get; private set; }
    public string? Resolution { get; private set; }
    public string? CorrectiveAction { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Reopened { get; private set; }

    private Complaint()
    {
    }

    public static Complaint Open(Guid customerId, string category, string severity, string description, DateTimeOffset now, ComplaintPolicy policy) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = customerId,
        Category = category,
        Severity = severity,
        Description = description,
        OpenedAt = now,
        ResponseDueAt = now + policy.ResponseWithin(severity),
    };

    public void Respond(DateTimeOffset now)
    {
        Require(ComplaintStatus.Open, "respond to");
        RespondedAt = now;
        Status = ComplaintStatus.Responded;
    }

    public void Resolve(string resolution, string correctiveAction, DateTimeOffset now)
    {
        if (Status is not (ComplaintStatus.Open or ComplaintStatus.Responded))
        {
            throw new BusinessRuleException("complaint.not-open", $"A {Status} complaint cannot be resolved.");
        }

        RespondedAt ??= now;
        Resolution = resolution;
        CorrectiveAction = correctiveAction;
        ResolvedAt = now;
        Status = ComplaintStatus.Resolved;
    }

    /// <summary>Closes a resolved complaint once the customer confirms the resolution (who at the customer said so).</summary>
    public void Close(string confirmedBy, DateTimeOffset now)
    {
        Require(ComplaintStatus.Resolved, "close");
        ConfirmedBy = confirmedBy;
        ClosedAt = now;
        Status = ComplaintStatus.Closed;
    }

    /// <summary>Opens a resolved or closed complaint again: a new response is due by the severity's time.</summary>
    public void Reopen(DateTimeOffset now, ComplaintPolicy policy)
    {
        if (Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed))
        {
            throw new BusinessRuleException("complaint.not-resolved", $"Only a resolved or closed complaint is re-opened; this one is {Status}.");
        }

        Status = ComplaintStatus.Open;
        Reopened++;
        RespondedAt = null;
        BreachedAt = null;
        ResolvedAt = null;
        ClosedAt = null;
        ConfirmedBy = null;
        ResponseDueAt = now + policy.ResponseWithin(Severity);
    }

    /// <summary>Marks the missed response; false when not (yet) missed or already marked.</summary>
    public bool MarkBreached(DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Open || RespondedAt is not null || BreachedAt is not null || now <= ResponseDueAt)
        {
            return false;
        }

        BreachedAt = now;
        return true;
    }

    private void Require(string status, string action)
    {
        if (Status != status)
        {
            throw new BusinessRuleException("complaint.wrong-status", $"Only a {status} complaint can be {action}d; this one is {Status}.");
        }
    }
}

/// <summary>How long a complaint may wait for a response, per severity (<c>complaints</c>): normal 48 hours, urgent 24, major 4.</summary>
public sealed record ComplaintPolicy(TimeSpan Normal, TimeSpan Urgent, TimeSpan Major) : IPolicy<ComplaintPolicy>
{
    public static string Name => "complaints";

    public static ComplaintPolicy Default { get; } = new(TimeSpan.FromHours(48), TimeSpan.FromHours(24), TimeSpan.FromHours(4));

    public TimeSpan ResponseWithin(string severity) => severity switch
    {
        "urgent" => Urgent,
        "major" => Major,
        _ => Normal,
    };

    public Dictionary<string, string[]> Validate() =>
        Normal <= TimeSpan.Zero || Urgent <= TimeSpan.Zero || Major <= TimeSpan.Zero || Urgent > Normal || Major > Urgent
            ? new() { ["normal"] = ["Response times are positive, major within urgent within normal."] }
            : [];
}
