using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.Protos.Customers;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Endpoints;

// Several types in one file: the contract endpoints with their request and response records.
public sealed record ContractLineRequest(string? ProductCode, string? ProductName, decimal? Quantity, decimal? UnitPrice);

public sealed record CreateContractRequest(string? Title, Guid? CustomerId, string? CustomerName, decimal? Amount, string? Currency, List<ContractLineRequest>? Lines,
    decimal? DepositShare, [property: MultilineText] string? PriceAdjustmentClause, [property: MultilineText] string? PenaltyClause, Guid? OwnerId,
    Guid? OpportunityId = null);

public sealed record EditContractRequest(string? Title, decimal? DepositShare, [property: MultilineText] string? PriceAdjustmentClause,
    [property: MultilineText] string? PenaltyClause);

public sealed record LegalReviewRequest(List<ChecklistItem>? Items);

public sealed record ApprovalRequest(string? Decision, string? Role, [property: MultilineText] string? Comment);

public sealed record SignRequest(string? Signer);

public sealed record VoidRequest([property: MultilineText] string? Reason);

public sealed record ContractDto(Guid Id, string Number, int Version, Guid? PreviousVersionId, string Title, Guid CustomerId, string? CustomerName, Guid? OpportunityId,
    Guid OwnerId, decimal Amount, string Currency, IReadOnlyList<ContractItem> Lines, decimal? DepositShare, string? PriceAdjustmentClause, string? PenaltyClause,
    string Status, string ApprovalStatus, int Round, IReadOnlyList<ApprovalStep> RequiredApprovals, IReadOnlyList<string> AwaitingRoles, string? RejectionReason,
    string? RiskRating, LegalReview? LegalReview, bool LegalPassed, string? SignedBy, DateTimeOffset? SignedAt, string? DocumentSha256, DateTimeOffset CreatedAt)
{
    public static ContractDto From(Contract c, IReadOnlyCollection<string>? approvedRoles = null) => new(c.Id, c.Number, c.Version, c.PreviousVersionId, c.Title,
        c.CustomerId, c.CustomerName, c.OpportunityId, c.OwnerId, c.Amount, c.Currency, c.Lines, c.DepositShare, c.PriceAdjustmentClause, c.PenaltyClause,
        c.Status, c.ApprovalStatus, c.Round, c.RequiredSteps,
        c.ApprovalStatus == "pending" ? ApprovalPolicy.Progress(c.RequiredSteps, approvedRoles ?? []).RolesThatMayDecide : [], c.RejectionReason, c.RiskRating,
        c.Legal, c.Legal?.Passed ?? false, c.SignedBy, c.SignedAt, c.DocumentSha256, c.CreatedAt);
}

public sealed record AuditDto(string Action, string By, string? Comment, DateTimeOffset At);

/// <summary>What submission answered: the steps the round needs (role codes and the mode of each).</summary>
public sealed record SubmissionDto(ContractDto Contract, IReadOnlyList<ApprovalStep> RequiredApprovals, string RiskRating);

/// <summary>
/// Contracts: drafts (from a won opportunity, or <c>POST /api/contracts</c>), legal's review, submission with the credit gate (customers over gRPC;
/// 503 and nothing changed when it is down), approvals by role per the policy's band and mode, the signature over the canonical document and its
/// SHA-256, amendments as new versions, and the audit trail. Reads are scoped (owner, subtree, partner); finance, legal, VPs, directors, auditors
/// and admins read every contract.
/// </summary>
public static class ContractsEndpoints
{
    public static IEndpointRouteBuilder MapContractsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts").WithTags("Contracts").RequireAuthorization(Policies.AnyCaller)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/", Create).RequireAuthorization(Policies.Staff).WithRequestExample(new
        {
            title = "视觉检测工作站采购合同", customerId = Guid.Empty, amount = 900_000m, currency = "CNY",
            lines = new[] { new { productCode = "VIS-200", productName = "视觉检测工作站", quantity = 100m, unitPrice = 9_000m } },
        });
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPatch("/{id:guid}", Edit).RequireAuthorization(Policies.Staff);
        group.MapPut("/{id:guid}/legal-review", Review).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/submit", Submit).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/approvals", Decide).RequireAuthorization(Policies.Staff).WithRequestExample(new { decision = "approve", comment = "同意" });
        group.MapPost("/{id:guid}/sign", Sign).RequireAuthorization(Policies.Staff).WithRequestExample(new { signer = "王芳（苏州精密机械有限公司）" });
        group.MapGet("/{id:guid}/document", Document);
        group.MapPost("/{id:guid}/amendments", Amend).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}/audit", Audit);
        group.MapPost("/{id:guid}/void", Void).RequireAuthorization(Policies.Staff).WithRequestExample(new { reason = "客户取消采购计划" });
        var policies = app.MapGroup("/api/contracts/policies").WithTags("Contract policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<ContractsDbContext, ApprovalPolicy>();
        policies.MapPolicy<ContractsDbContext, CreditGatePolicy>();
        policies.MapPolicy<ContractsDbContext, ExchangeRatePolicy>();
        policies.MapPolicyHistory<ContractsDbContext>("");
        return app;
    }

    /// <summary>Roles that read every contract (and its trail): the approvers, internal audit, admins.</summary>
    private static readonly string[] ReadAll = [Roles.Finance, Roles.Legal, Roles.Vp, Roles.SalesDirector, Roles.Auditor, Roles.Admin];

    internal static IQueryable<Contract> Visible(ContractsDbContext db, DataScope scope, Caller caller, bool track = false)
    {
        var contracts = track ? db.Contracts : db.Contracts.AsNoTracking();
        return ReadAll.Any(caller.IsInRole) && !caller.IsPartner ? contracts : scope.Apply(contracts, c => (Guid?)c.OwnerId, c => c.PartnerId);
    }

    internal static async Task<Contract> FindAsync(ContractsDbContext db, DataScope scope, Caller caller, Guid id, CancellationToken ct, bool track = true) =>
        await Visible(db, scope, caller, track).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Contract", id);

    internal static string By(Caller caller) => caller.Name ?? caller.PersonId?.ToString() ?? "unknown";

    /// <summary>A new draft (and its event and audit row) in the caller's unit of work.</summary>
    public static Contract Draft(ContractsDbContext db, TimeProvider clock, string title, Guid customer, string? customerName, Guid? opportunity, Guid? quote, Guid owner,
        Guid? partner, decimal amount, string currency, decimal? cost, List<ContractItem> lines, string by)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var local = ReportingCalendar.China.ToLocal(now);
        var contract = new Contract
        {
            Id = id, Number = $"HT{local:yyyyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}", Title = title, CustomerId = customer, CustomerName = customerName,
            OpportunityId = opportunity, QuoteId = quote, OwnerId = owner, PartnerId = partner, Amount = amount, Currency = currency, Cost = cost, Lines = lines,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Contracts.Add(contract);
        db.Record(id, "drafted", by, opportunity is null ? null : $"opportunity:{opportunity}", now);
        db.AddEvent(new ContractDrafted(id, opportunity, customer, owner, new Money(amount, currency), contract.Number) { OccurredAt = now }, clock);
        return contract;
    }

    private static async Task<Created<ContractDto>> Create(CreateContractRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        AcceptedQuotes quotes, CancellationToken ct)
    {
        if (body?.OpportunityId is { } opportunity && (body.Lines is null || body.Lines.Count == 0))
        {
            // Lines, amount, currency and clauses from the opportunity's accepted quote (opportunities over gRPC).
            body = await quotes.FillAsync(body, opportunity, ct);
            if (await db.Contracts.AnyAsync(c => c.OpportunityId == opportunity, ct))
            {
                throw new ConflictException("contract.exists", $"Opportunity {opportunity} has its contract already.");
            }
        }

        var errors = new Dictionary<string, string[]>();
        var title = Normalizer.Text(body?.Title);
        if (title is null || title.Length > 200)
        {
            errors["title"] = ["A title of at most 200 characters."];
        }

        if (body?.CustomerId is null || body.CustomerId == Guid.Empty)
        {
            errors["customerId"] = ["The customer's id."];
        }

        var currency = (body?.Currency ?? "CNY").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors["currency"] = ["An ISO 4217 code such as CNY."];
        }

        var lines = new List<ContractItem>();
        for (var i = 0; i < (body?.Lines?.Count ?? 0); i++)
        {
            var l = body!.Lines![i];
            if (Normalizer.Text(l.ProductName) is null || l.Quantity is not > 0 || l.UnitPrice is not >= 0)
            {
                errors[$"lines[{i}]"] = ["A line names the product, a quantity above 0 and a unit price of 0 or more."];
                continue;
            }

            lines.Add(new ContractItem(l.ProductCode?.Trim() ?? "", Normalizer.Text(l.ProductName)!, l.Quantity!.Value, l.UnitPrice!.Value,
                l.Quantity.Value * l.UnitPrice.Value, null));
        }

        if (body?.Amount is not { } amount || amount <= 0)
        {
            errors["amount"] = ["The contract amount, above 0."];
        }
        else if (lines.Count > 0 && lines.Sum(l => l.Total) != amount)
        {
            errors["amount"] = [$"The lines add up to {lines.Sum(l => l.Total):0.00}, not {amount:0.00}."];
        }

        if (body?.DepositShare is < 0 or > 1)
        {
            errors["depositShare"] = ["A share of the amount between 0 and 1 (0.30 is 30%)."];
        }

        var owner = body?.OwnerId ?? caller.PersonId;
        if (owner is null || !scope.SeesOwner(owner))
        {
            errors["ownerId"] = ["The owner is you or someone in your team."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var contract = Draft(db, clock, title!, body!.CustomerId!.Value, Normalizer.Text(body.CustomerName), body.OpportunityId, null, owner!.Value, null,
            body.Amount!.Value, currency, null, lines, By(caller));
        contract.DepositShare = body.DepositShare;
        contract.PriceAdjustmentClause = Normalizer.Text(body.PriceAdjustmentClause);
        contract.PenaltyClause = Normalizer.Text(body.PenaltyClause);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/contracts/{contract.Id}", ContractDto.From(contract));
    }

    private static async Task<Ok<ListPage<ContractDto>>> List(ListQuery list, string? status, Guid? owner, Guid? customer, Caller caller, DataScope scope,
        ContractsDbContext db, CancellationToken ct)
    {
        var query = Visible(db, scope, caller);
        if (!string.IsNullOrWhiteSpace(status))
        {
            query = query.Where(c => c.Status == status);
        }

        if (owner is not null)
        {
            query = query.Where(c => c.OwnerId == owner);
        }

        if (customer is not null)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        query = query.Search(list, pattern => c => EF.Functions.ILike(c.Title, pattern) || EF.Functions.ILike(c.Number, pattern)
            || (c.CustomerName != null && EF.Functions.ILike(c.CustomerName, pattern)));
        return TypedResults.Ok(await query.ToPageAsync(list, c => c.Id, c => ContractDto.From(c), ct));
    }

    private static async Task<List<string>> ApprovedRolesAsync(ContractsDbContext db, Contract c, CancellationToken ct) =>
        await db.Approvals.AsNoTracking().Where(a => a.ContractId == c.Id && a.Round == c.Round && a.Approved).Select(a => a.Role).ToListAsync(ct);

    private static async Task<Ok<ContractDto>> Get(Guid id, Caller caller, DataScope scope, ContractsDbContext db, CancellationToken ct)
    {
        var contract = await FindAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(ContractDto.From(contract, await ApprovedRolesAsync(db, contract, ct)));
    }

    private static void RequireEditable(Contract c)
    {
        if (c.IsSigned)
        {
            throw new ConflictException("contract.signed", "A signed contract is immutable; changes are amendments (POST .../amendments).");
        }

        if (!c.Editable)
        {
            throw new ConflictException("contract.not-draft", $"The contract is {c.Status}; only a draft is edited.");
        }
    }

    private static async Task<Ok<ContractDto>> Edit(Guid id, EditContractRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var contract = await FindAsync(db, scope, caller, id, ct);
        RequireEditable(contract);
        if (body?.DepositShare is < 0 or > 1)
        {
            throw new RequestValidationException("depositShare", "A share of the amount between 0 and 1 (0.30 is 30%).");
        }

        var now = clock.GetUtcNow();
        contract.Title = Normalizer.Text(body?.Title) ?? contract.Title;
        contract.DepositShare = body?.DepositShare ?? contract.DepositShare;
        contract.PriceAdjustmentClause = Normalizer.Text(body?.PriceAdjustmentClause) ?? contract.PriceAdjustmentClause;
        contract.PenaltyClause = Normalizer.Text(body?.PenaltyClause) ?? contract.PenaltyClause;
        contract.UpdatedAt = now;
        db.Record(id, "edited", By(caller), null, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract));
    }

    /// <summary>Legal's checklist (legal only): every item pass or fail with a note; a round completes only once everything passed.</summary>
    private static async Task<Ok<ContractDto>> Review(Guid id, LegalReviewRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!caller.IsInRole(Roles.Legal))
        {
            throw new ForbiddenException("Legal reviews contracts.");
        }

        var items = body?.Items ?? [];
        var unknown = items.Select(i => i.Item).Where(i => !LegalReview.Checklist.Contains(i)).ToList();
        if (unknown.Count > 0 || items.Select(i => i.Item).Distinct().Count() != items.Count)
        {
            throw new RequestValidationException("items", "Each checklist item once, among: " + string.Join(", ", LegalReview.Checklist) + ".");
        }

        var contract = await FindAsync(db, scope, caller, id, ct);
        if (contract.IsSigned)
        {
            throw new ConflictException("contract.signed", "A signed contract is immutable.");
        }

        var now = clock.GetUtcNow();
        contract.Legal = new LegalReview(items, By(caller), now);
        contract.UpdatedAt = now;
        db.Record(id, contract.Legal.Passed ? "legal-review-passed" : "legal-review-failed", By(caller),
            string.Join("; ", items.Where(i => !i.Passed || i.Note is not null).Select(i => $"{i.Item}: {(i.Passed ? "pass" : "fail")} {i.Note}")), now);
        await CompleteIfApprovedAsync(db, contract, clock, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract, await ApprovedRolesAsync(db, contract, ct)));
    }

    /// <summary>
    /// Submission: the customer's credit profile first (blacklisted: 422 with the reason; high risk: a deposit of the policy's share at least);
    /// customers unreachable: 503, nothing changed. Then a new round with the steps of the amount's band (in the base currency).
    /// </summary>
    private static async Task<Ok<SubmissionDto>> Submit(Guid id, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock, ReportingCalendar calendar,
        CreditCheck credit, CancellationToken ct)
    {
        var contract = await FindAsync(db, scope, caller, id, ct);
        RequireEditable(contract);
        if (contract.Legal is null && contract.Amount <= 0)
        {
            throw new BusinessRuleException("contract.empty", "A contract without an amount is not submitted.");
        }

        var profile = await credit.ProfileAsync(contract.CustomerId, ct);
        if (profile.Blacklisted)
        {
            throw new BusinessRuleException("contract.customer-blacklisted",
                $"The customer is blacklisted by {profile.BlacklistedBy}: {profile.BlacklistReason}. A contract with it is not approved.")
            {
                Details = new Dictionary<string, object?> { ["reason"] = profile.BlacklistReason, ["riskRule"] = profile.RiskRule },
            };
        }

        var gate = await PolicyStore.LoadAsync<CreditGatePolicy>(db, ct);
        if (profile.RiskRating == "high" && (contract.DepositShare ?? 0m) < gate.HighRiskDeposit)
        {
            throw new BusinessRuleException("contract.deposit-required",
                $"The customer's risk is high ({profile.RiskRule}); the contract needs a deposit or prepayment of at least {gate.HighRiskDeposit:P0} (depositShare).")
            {
                Details = new Dictionary<string, object?> { ["missing"] = new[] { "depositShare" }, ["minimum"] = gate.HighRiskDeposit, ["riskRule"] = profile.RiskRule },
            };
        }

        var policy = await PolicyStore.LoadAsync<ApprovalPolicy>(db, ct);
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var now = clock.GetUtcNow();
        var baseAmount = rates.ToReporting(contract.Amount, contract.Currency, policy.BaseCurrency, calendar.DateOf(now))
            ?? throw new BusinessRuleException("contract.no-rate", $"No exchange rate for {contract.Currency} today: the approval band cannot be chosen.");
        var steps = policy.StepsFor(baseAmount);
        contract.Round++;
        contract.RequiredSteps = [.. steps];
        contract.Status = ContractStatus.InReview;
        contract.ApprovalStatus = "pending";
        contract.RejectionReason = null;
        contract.RiskRating = profile.RiskRating;
        contract.UpdatedAt = now;
        db.Record(id, "submitted", By(caller), $"round {contract.Round}; risk {profile.RiskRating}; needs " + string.Join(" then ", steps.Select(s => $"{s.Mode}: {string.Join("+", s.Roles)}")), now);
        db.AddEvent(new ContractSubmitted(id, contract.Round, new Money(contract.Amount, contract.Currency), [.. steps.SelectMany(s => s.Roles)], profile.RiskRating)
        {
            OccurredAt = now,
        }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SubmissionDto(ContractDto.From(contract, []), steps, profile.RiskRating));
    }

    /// <summary>
    /// A decision by a holder of a role the current step waits for (403 otherwise, and for a step not yet reached in sequence); once per role per
    /// round (409); a rejection returns the draft with the reason; the last approval (with legal's review passed) makes it approved.
    /// </summary>
    private static async Task<Ok<ContractDto>> Decide(Guid id, ApprovalRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var approve = body?.Decision switch
        {
            "approve" or "approved" or "同意" => true,
            "reject" or "rejected" or "驳回" => false,
            _ => throw new RequestValidationException("decision", "approve (同意) or reject (驳回)."),
        };
        var comment = Normalizer.Text(body?.Comment);
        if (!approve && comment is null)
        {
            throw new RequestValidationException("comment", "A rejection says why.");
        }

        var contract = await FindAsync(db, scope, caller, id, ct);
        if (contract.ApprovalStatus != "pending")
        {
            throw new ConflictException("contract.not-in-review", $"The contract is {contract.Status}; there is nothing to decide.");
        }

        var approved = await ApprovedRolesAsync(db, contract, ct);
        var required = contract.RequiredSteps.SelectMany(s => s.Roles).ToList();
        var mine = required.Where(caller.IsInRole).ToList();
        var role = body?.Role is { } asked ? (mine.Contains(asked) ? asked : null) : mine.FirstOrDefault(r => !approved.Contains(r)) ?? mine.FirstOrDefault();
        if (role is null)
        {
            throw new ForbiddenException("This round needs " + string.Join(", ", required) + "; you hold none of them.");
        }

        if (await db.Approvals.AnyAsync(a => a.ContractId == id && a.Round == contract.Round && a.Role == role, ct))
        {
            throw new ConflictException("contract.already-decided", $"The {role} decision of round {contract.Round} is recorded already.");
        }

        var progress = ApprovalPolicy.Progress(contract.RequiredSteps, approved);
        if (!progress.RolesThatMayDecide.Contains(role))
        {
            throw new ForbiddenException($"It is not {role}'s turn: the round waits for " + string.Join(", ", progress.RolesThatMayDecide) + ".");
        }

        var now = clock.GetUtcNow();
        var by = By(caller);
        db.Approvals.Add(new ContractApproval { ContractId = id, Round = contract.Round, Role = role, Approved = approve, PersonId = caller.PersonId, By = by, Comment = comment, At = now });
        db.Record(id, approve ? $"approved:{role}" : $"rejected:{role}", by, comment, now);
        db.AddEvent(new ContractApprovalRecorded(id, contract.Round, role, approve, by, comment) { OccurredAt = now }, clock);
        contract.UpdatedAt = now;
        if (!approve)
        {
            (contract.Status, contract.ApprovalStatus, contract.RejectionReason) = (ContractStatus.Draft, "rejected", comment);
            db.AddEvent(new ContractRejected(id, contract.Round, role, comment!) { OccurredAt = now }, clock);
        }
        else
        {
            approved.Add(role);
            await CompleteIfApprovedAsync(db, contract, clock, ct, approved);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract, approved));
    }

    /// <summary>Every step approved and legal's review passed: the contract is approved (once).</summary>
    private static async Task CompleteIfApprovedAsync(ContractsDbContext db, Contract contract, TimeProvider clock, CancellationToken ct, List<string>? approved = null)
    {
        if (contract.ApprovalStatus != "pending")
        {
            return;
        }

        approved ??= await ApprovedRolesAsync(db, contract, ct);
        if (!ApprovalPolicy.Progress(contract.RequiredSteps, approved).Complete || contract.Legal is not { Passed: true })
        {
            return;
        }

        var now = clock.GetUtcNow();
        (contract.Status, contract.ApprovalStatus) = (ContractStatus.Approved, "approved");
        db.Record(contract.Id, "approval-complete", "system", $"round {contract.Round}", now);
        db.AddEvent(new ContractApproved(contract.Id, contract.Round, new Money(contract.Amount, contract.Currency)) { OccurredAt = now }, clock);
    }

    /// <summary>
    /// The signature: an approved contract with a payment plan is signed by the customer's signer; the canonical document's bytes and SHA-256 are
    /// stored and never change again; <c>ContractSigned</c> carries the amount in the base currency, the cost and the lines.
    /// </summary>
    private static async Task<Ok<ContractDto>> Sign(Guid id, SignRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var signer = Normalizer.Text(body?.Signer) ?? throw new RequestValidationException("signer", "Who signs for the customer.");
        var contract = await FindAsync(db, scope, caller, id, ct);
        if (contract.IsSigned)
        {
            throw new ConflictException("contract.signed", "The contract is signed already; it is immutable.");
        }

        if (contract.Status != ContractStatus.Approved)
        {
            throw new BusinessRuleException("contract.not-approved", $"The contract is {contract.Status}; only an approved contract is signed.");
        }

        var plan = await db.Instalments.Where(i => i.ContractId == id).ToListAsync(ct);
        if (plan.Count == 0)
        {
            throw new BusinessRuleException("contract.no-plan", "A contract is signed with its payment plan: PUT .../plan first.")
            {
                Details = new Dictionary<string, object?> { ["missing"] = new[] { "paymentPlan" } },
            };
        }

        var now = clock.GetUtcNow();
        var bytes = contract.CanonicalDocument(plan);
        (contract.Document, contract.DocumentSha256, contract.SignedBy, contract.SignedAt, contract.Status) = (bytes, Contract.Sha256(bytes), signer, now, ContractStatus.Signed);
        contract.UpdatedAt = now;
        db.Record(id, "signed", By(caller), $"{signer}; sha256 {contract.DocumentSha256}", now);
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var policy = await PolicyStore.LoadAsync<ApprovalPolicy>(db, ct);
        var today = calendar.DateOf(now);
        var rate = contract.Currency == policy.BaseCurrency ? new ExchangeRate(policy.BaseCurrency, today, 1m) : rates.RateOn(contract.Currency, today);
        db.AddEvent(new ContractSigned(id, contract.OpportunityId ?? Guid.Empty, contract.CustomerId, contract.OwnerId, new Money(contract.Amount, contract.Currency), now,
            contract.PartnerId,
            rate is null ? null : new ConvertedMoney(new Money(Math.Round(contract.Amount * rate.Rate, 2, MidpointRounding.AwayFromZero), policy.BaseCurrency), rate.Rate, rate.From),
            contract.Cost is { } cost && rate is not null ? new Money(Math.Round(cost * rate.Rate, 2, MidpointRounding.AwayFromZero), policy.BaseCurrency) : null,
            [.. contract.Lines.Select(l => new ContractLine(l.ProductCode, l.ProductName, l.Quantity, new Money(l.UnitPrice, contract.Currency),
                l.NextTierMinQuantity is { } min && l.NextTierUnitPrice is { } price ? new VolumeTier(min, new Money(price, contract.Currency)) : null))])
        {
            OccurredAt = now,
        }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract));
    }

    /// <summary>The signed document, exactly the bytes that were hashed, with the hash in <c>X-Content-SHA256</c>.</summary>
    private static async Task<IResult> Document(Guid id, Caller caller, DataScope scope, ContractsDbContext db, HttpContext http, CancellationToken ct)
    {
        var contract = await FindAsync(db, scope, caller, id, ct, track: false);
        if (contract.Document is null)
        {
            throw new NotFoundException("Signed document of contract", id);
        }

        http.Response.Headers["X-Content-SHA256"] = contract.DocumentSha256;
        return Results.File(contract.Document, "application/json; charset=utf-8", $"{contract.Number}-v{contract.Version}.json");
    }

    /// <summary>An amendment: a new draft version of a signed contract, linked to it, through approval again.</summary>
    private static async Task<Created<ContractDto>> Amend(Guid id, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var signed = await FindAsync(db, scope, caller, id, ct, track: false);
        if (!signed.IsSigned)
        {
            throw new ConflictException("contract.not-signed", "Only a signed contract is amended; a draft is edited.");
        }

        if (await db.Contracts.AnyAsync(c => c.PreviousVersionId == id, ct))
        {
            throw new ConflictException("contract.amended", "This version has an amendment already: amend the newest version.");
        }

        var now = clock.GetUtcNow();
        var amendment = new Contract
        {
            Id = Guid.CreateVersion7(now), Number = signed.Number, Version = signed.Version + 1, PreviousVersionId = id, Title = signed.Title, CustomerId = signed.CustomerId,
            CustomerName = signed.CustomerName, OpportunityId = signed.OpportunityId, QuoteId = signed.QuoteId, OwnerId = signed.OwnerId, PartnerId = signed.PartnerId,
            Amount = signed.Amount, Currency = signed.Currency, Cost = signed.Cost, Lines = [.. signed.Lines], DepositShare = signed.DepositShare,
            PriceAdjustmentClause = signed.PriceAdjustmentClause, PenaltyClause = signed.PenaltyClause, CreatedAt = now, UpdatedAt = now,
        };
        db.Contracts.Add(amendment);
        db.Record(amendment.Id, "amendment-drafted", By(caller), $"amends {signed.Number} v{signed.Version}", now);
        db.Record(id, "amended", By(caller), $"v{amendment.Version} drafted", now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/contracts/{amendment.Id}", ContractDto.From(amendment));
    }

    /// <summary>Voids a contract that is not signed (a signed one ends by amendment or completion), with the reason.</summary>
    private static async Task<Ok<ContractDto>> Void(Guid id, VoidRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var reason = Normalizer.Text(body?.Reason) ?? throw new RequestValidationException("reason", "Why the contract is voided.");
        var contract = await FindAsync(db, scope, caller, id, ct);
        if (contract.IsSigned)
        {
            throw new ConflictException("contract.signed", "A signed contract is not voided; it is amended or completed.");
        }

        if (contract.Status == ContractStatus.Void)
        {
            throw new ConflictException("contract.void", "The contract is void already.");
        }

        var now = clock.GetUtcNow();
        (contract.Status, contract.ApprovalStatus, contract.UpdatedAt) = (ContractStatus.Void, contract.ApprovalStatus == "pending" ? "none" : contract.ApprovalStatus, now);
        db.Record(id, "voided", By(caller), reason, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ContractDto.From(contract));
    }

    private static async Task<Ok<ListPage<AuditDto>>> Audit(Guid id, ListQuery list, Caller caller, DataScope scope, ContractsDbContext db, CancellationToken ct)
    {
        await FindAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(await db.Audit.AsNoTracking().Where(a => a.ContractId == id)
            .ToPageAsync(list, a => (int)a.Id, a => new AuditDto(a.Action, a.By, a.Comment, a.At), ct, ListSort.Oldest));
    }
}

/// <summary>The customer's credit profile from customers over gRPC, with the configured deadline; unreachable is 503 (ADR 19).</summary>
public sealed class CreditCheck(Customers.CustomersClient client, IConfiguration configuration)
{
    public async Task<CreditProfile> ProfileAsync(Guid customer, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + (configuration.GetValue<TimeSpan?>("CustomersClient:Deadline") ?? TimeSpan.FromSeconds(2));
        try
        {
            return await ServiceCalls.CallAsync("customers", () => client.GetCreditProfileAsync(new GetCreditProfileRequest { CustomerId = customer.ToString() },
                deadline: deadline, cancellationToken: ct));
        }
        catch (global::Grpc.Core.RpcException e) when (e.StatusCode == global::Grpc.Core.StatusCode.NotFound)
        {
            throw new BusinessRuleException("contract.customer-unknown", $"Customers does not know customer {customer}.");
        }
    }
}

/// <summary>The accepted quote of an opportunity from opportunities over gRPC, with the configured deadline; unreachable is 503 (ADR 19).</summary>
public sealed class AcceptedQuotes(SalesPlatform.Protos.Opportunities.Opportunities.OpportunitiesClient client, IConfiguration configuration)
{
    /// <summary>The request with the quote's lines, amount, currency and clauses filled in.</summary>
    public async Task<CreateContractRequest> FillAsync(CreateContractRequest request, Guid opportunity, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + (configuration.GetValue<TimeSpan?>("OpportunitiesClient:Deadline") ?? TimeSpan.FromSeconds(2));
        SalesPlatform.Protos.Opportunities.AcceptedQuote quote;
        try
        {
            quote = await ServiceCalls.CallAsync("opportunities", () => client.GetAcceptedQuoteAsync(
                new SalesPlatform.Protos.Opportunities.GetAcceptedQuoteRequest { OpportunityId = opportunity.ToString() }, deadline: deadline, cancellationToken: ct));
        }
        catch (global::Grpc.Core.RpcException e) when (e.StatusCode == global::Grpc.Core.StatusCode.NotFound)
        {
            throw new BusinessRuleException("contract.no-accepted-quote", $"Opportunity {opportunity} has no accepted quote to draft from.");
        }

        static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return request with
        {
            Amount = D(quote.Total), Currency = quote.Currency,
            Lines = [.. quote.Lines.Select(l => new ContractLineRequest(l.ProductCode, l.ProductName, D(l.Quantity), D(l.UnitPrice)))],
            PriceAdjustmentClause = request.PriceAdjustmentClause ?? (quote.PriceAdjustmentClause.Length > 0 ? quote.PriceAdjustmentClause : null),
            PenaltyClause = request.PenaltyClause ?? (quote.PenaltyClause.Length > 0 ? quote.PenaltyClause : null),
        };
    }
}
