using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Contracts.Data;
using SalesPlatform.Contracts.Domain;
using SalesPlatform.Domain;
using SalesPlatform.Events;
using SalesPlatform.Events.Contracts;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;

namespace SalesPlatform.Contracts.Endpoints;

// Several types in one file: the payment plan and payment endpoints with their request and response records.
public sealed record InstalmentRequest(DateOnly? DueDate, decimal? Amount);

public sealed record PlanRequest(List<InstalmentRequest>? Instalments);

public sealed record PaymentRequest(Guid? InstalmentId, decimal? Amount, DateTimeOffset? ReceivedAt, string? Reference);

public sealed record InvoiceRequest(string? Kind, string? Title, string? TaxId, decimal? TaxRate, decimal? Amount, List<Guid>? InstalmentIds);

/// <summary>One contract's collection cycle: days from signing to the last payment (or to today while money is still owed).</summary>
public sealed record CollectionCycleDto(Guid ContractId, string Number, DateTimeOffset SignedAt, DateTimeOffset? FullyPaidAt, double Days, bool Complete);

/// <summary>A period's collections: the cycle per contract signed in it and its average, collected, outstanding, DSO.</summary>
public sealed record CollectionsSummaryDto(string Period, string Currency, decimal Signed, decimal Collected, decimal Outstanding, double? AverageCycleDays,
    decimal? DaysSalesOutstanding, IReadOnlyList<CollectionCycleDto> Contracts);

/// <summary>Outstanding receivables by ageing bucket, in the base currency at the day's rates.</summary>
public sealed record AgeingDto(DateOnly AsOf, string Currency, IReadOnlyDictionary<string, decimal> Buckets, decimal Total, decimal Overdue, int Instalments,
    int Unconverted);

public sealed record InstalmentDto(Guid Id, int Sequence, DateOnly DueDate, decimal Amount, decimal Paid, decimal Outstanding, string Status, DateTimeOffset? PaidAt);

public sealed record PlanDto(Guid ContractId, string Currency, decimal ContractAmount, IReadOnlyList<InstalmentDto> Instalments);

/// <summary>
/// Collections: <c>PUT /api/contracts/{id}/plan</c> (instalments that add up to the amount exactly, 422 naming the difference; before any
/// payment, never after signing), <c>GET .../plan</c>, <c>POST .../payments</c> (finance; partial payments, never more than an instalment owes),
/// <c>GET .../payments</c>. Payments raise <c>PaymentReceived</c>; the last one <c>ContractFullyPaid</c>.
/// </summary>
public static class CollectionsEndpoints
{
    public static IEndpointRouteBuilder MapCollectionsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracts/{id:guid}").WithTags("Collections").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        group.MapPut("/plan", SetPlan).WithRequestExample(new
        {
            instalments = new[] { new { dueDate = "2027-01-31", amount = 270_000m }, new { dueDate = "2027-04-30", amount = 630_000m } },
        });
        group.MapGet("/plan", GetPlan);
        group.MapPost("/payments", RecordPayment).WithRequestExample(new { instalmentId = Guid.Empty, amount = 270_000m, reference = "招商银行回单 20270128-001" });
        group.MapGet("/payments", ListPayments);
        group.MapPost("/invoices", IssueInvoice).WithRequestExample(new
        {
            kind = "vat-special", title = "苏州精密机械有限公司", taxId = "91320500MA1MXXXX00", taxRate = 0.13m, amount = 90_000m, instalmentIds = new[] { Guid.Empty },
        });
        group.MapGet("/invoices", ListInvoices);
        app.MapGet("/api/contracts/receivables/summary", Summary).WithTags("Collections").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/contracts/receivables/ageing", Ageing).WithTags("Collections").RequireAuthorization(Policies.Staff)
            .Refuses(StatusCodes.Status503ServiceUnavailable);
        var policies = app.MapGroup("/api/contracts/policies").WithTags("Contract policies").RequireAuthorization(Policies.Staff);
        policies.MapPolicy<ContractsDbContext, CollectionsPolicy>();
        return app;
    }

    private static PlanDto Dto(Contract c, IEnumerable<Instalment> plan, DateOnly today) => new(c.Id, c.Currency, c.Amount,
        [.. plan.OrderBy(i => i.Sequence).Select(i => new InstalmentDto(i.Id, i.Sequence, i.DueDate, i.Amount, i.Paid, i.Outstanding, i.StateOn(today), i.PaidAt))]);

    private static async Task<Ok<PlanDto>> SetPlan(Guid id, PlanRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var contract = await ContractsEndpoints.FindAsync(db, scope, caller, id, ct);
        if (contract.IsSigned)
        {
            throw new ConflictException("contract.signed", "A signed contract's plan is part of what was signed; change it with an amendment.");
        }

        var requested = body?.Instalments ?? [];
        var errors = new Dictionary<string, string[]>();
        if (requested.Count == 0)
        {
            errors["instalments"] = ["A plan has at least one instalment."];
        }

        for (var i = 0; i < requested.Count; i++)
        {
            if (requested[i].DueDate is null)
            {
                errors[$"instalments[{i}].dueDate"] = ["A due date."];
            }

            if (requested[i].Amount is not > 0 || decimal.Round(requested[i].Amount!.Value, 2) != requested[i].Amount)
            {
                errors[$"instalments[{i}].amount"] = ["An amount above 0, to the fen."];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var total = requested.Sum(r => r.Amount!.Value);
        if (total != contract.Amount)
        {
            var difference = contract.Amount - total;
            throw new BusinessRuleException("plan.does-not-add-up",
                $"The instalments add up to {total:0.00} {contract.Currency}; the contract is {contract.Amount:0.00}: {(difference > 0 ? "short by" : "over by")} {Math.Abs(difference):0.00}.")
            {
                Details = new Dictionary<string, object?> { ["difference"] = difference, ["planned"] = total, ["contractAmount"] = contract.Amount },
            };
        }

        var existing = await db.Instalments.Where(i => i.ContractId == id).ToListAsync(ct);
        if (existing.Any(i => i.Paid > 0))
        {
            throw new ConflictException("plan.has-payments", "Payments were recorded against this plan; it is not replaced.");
        }

        db.Instalments.RemoveRange(existing);
        var plan = requested.OrderBy(r => r.DueDate).Select((r, i) => new Instalment { ContractId = id, Sequence = i + 1, DueDate = r.DueDate!.Value, Amount = r.Amount!.Value })
            .ToList();
        db.Instalments.AddRange(plan);
        var now = clock.GetUtcNow();
        db.Record(id, "plan-set", ContractsEndpoints.By(caller), string.Join("; ", plan.Select(p => $"{p.DueDate:yyyy-MM-dd} {p.Amount:0.00}")), now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(contract, plan, calendar.DateOf(now)));
    }

    private static async Task<Ok<PlanDto>> GetPlan(Guid id, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock, ReportingCalendar calendar,
        CancellationToken ct)
    {
        var contract = await ContractsEndpoints.FindAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(Dto(contract, await db.Instalments.AsNoTracking().Where(i => i.ContractId == id).ToListAsync(ct), calendar.DateOf(clock.GetUtcNow())));
    }

    /// <summary>A payment against an instalment of a signed contract (finance): partial allowed, more than the instalment owes refused.</summary>
    private static async Task<Created<InstalmentDto>> RecordPayment(Guid id, PaymentRequest? body, Caller caller, DataScope scope, ContractsDbContext db,
        TimeProvider clock, ReportingCalendar calendar, CancellationToken ct)
    {
        if (!(caller.IsInRole(Roles.Finance) || caller.IsAdmin))
        {
            throw new ForbiddenException("Finance records payments.");
        }

        var errors = new Dictionary<string, string[]>();
        if (body?.InstalmentId is null)
        {
            errors["instalmentId"] = ["The instalment paid."];
        }

        if (body?.Amount is not > 0 || decimal.Round(body.Amount.Value, 2) != body.Amount)
        {
            errors["amount"] = ["An amount above 0, to the fen."];
        }

        var now = clock.GetUtcNow();
        var received = body?.ReceivedAt?.ToUniversalTime() ?? now;
        if (received > now.AddMinutes(5))
        {
            errors["receivedAt"] = ["A payment is recorded once it arrived."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var contract = await ContractsEndpoints.FindAsync(db, scope, caller, id, ct);
        if (!contract.IsSigned)
        {
            throw new BusinessRuleException("contract.not-signed", $"The contract is {contract.Status}; payments are recorded against signed contracts.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var instalment = await db.Instalments.FromSqlInterpolated($"SELECT * FROM instalments WHERE id = {body!.InstalmentId} AND contract_id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Instalment", body.InstalmentId!.Value);
        if (body.Amount!.Value > instalment.Outstanding)
        {
            throw new BusinessRuleException("payment.overpaid",
                $"Instalment {instalment.Sequence} owes {instalment.Outstanding:0.00} {contract.Currency}; {body.Amount:0.00} is more than that.")
            {
                Details = new Dictionary<string, object?> { ["outstanding"] = instalment.Outstanding },
            };
        }

        var payment = new PaymentEntry
        {
            ContractId = id, InstalmentId = instalment.Id, Amount = body.Amount.Value, Currency = contract.Currency, ReceivedAt = received,
            Reference = Normalizer.Text(body.Reference), RecordedBy = ContractsEndpoints.By(caller),
        };
        db.Payments.Add(payment);
        instalment.Paid += payment.Amount;
        instalment.Status = instalment.StateOn(calendar.DateOf(now));
        if (instalment.Paid >= instalment.Amount)
        {
            instalment.PaidAt = received;
        }

        var due = calendar.StartOf(instalment.DueDate.AddDays(1)).AddTicks(-1);
        db.AddEvent(new PaymentReceived(payment.Id, id, contract.CustomerId, contract.OwnerId, new Money(payment.Amount, contract.Currency), received,
            contract.SignedAt!.Value, due) { OccurredAt = now }, clock);
        db.Record(id, "payment", payment.RecordedBy, $"instalment {instalment.Sequence}: {payment.Amount:0.00} {payment.Reference}", now);
        if (contract.Status == ContractStatus.Signed)
        {
            contract.Status = ContractStatus.InForce;
        }

        var others = await db.Instalments.Where(i => i.ContractId == id && i.Id != instalment.Id && i.Status != InstalmentStatus.Void).ToListAsync(ct);
        if (instalment.Paid >= instalment.Amount && others.All(i => i.Paid >= i.Amount))
        {
            contract.Status = ContractStatus.Completed;
            db.AddEvent(new ContractFullyPaid(id, contract.CustomerId, contract.OwnerId, new Money(contract.Amount, contract.Currency), contract.SignedAt!.Value, received)
            {
                OccurredAt = now,
            }, clock);
            db.Record(id, "fully-paid", "system", null, now);
        }

        contract.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/contracts/{id}/payments/{payment.Id}", new InstalmentDto(instalment.Id, instalment.Sequence, instalment.DueDate,
            instalment.Amount, instalment.Paid, instalment.Outstanding, instalment.StateOn(calendar.DateOf(now)), instalment.PaidAt));
    }

    private static async Task<Ok<ListPage<PaymentEntry>>> ListPayments(Guid id, ListQuery list, Caller caller, DataScope scope, ContractsDbContext db, CancellationToken ct)
    {
        await ContractsEndpoints.FindAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(await db.Payments.AsNoTracking().Where(p => p.ContractId == id).ToPageAsync(list, p => p.Id, p => p, ct));
    }

    /// <summary>
    /// An invoice (finance) for instalments of a signed contract: the invoiced total of an instalment never exceeds it, nor the contract's; the tax id
    /// is a valid unified social credit code; the tax is the amount × rate / (1 + rate), to the fen. <c>InvoiceIssued</c> through the outbox.
    /// </summary>
    private static async Task<Created<Invoice>> IssueInvoice(Guid id, InvoiceRequest? body, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!(caller.IsInRole(Roles.Finance) || caller.IsAdmin))
        {
            throw new ForbiddenException("Finance issues invoices.");
        }

        var errors = new Dictionary<string, string[]>();
        var kind = body?.Kind ?? "vat-special";
        if (!Invoice.Kinds.Contains(kind))
        {
            errors["kind"] = ["vat-special (增值税专用发票) or vat-normal (增值税普通发票)."];
        }

        var title = Normalizer.Text(body?.Title);
        if (title is null || title.Length > 200)
        {
            errors["title"] = ["The buyer's name as on its tax registration."];
        }

        var taxId = CreditCode.Normalize(body?.TaxId);
        if (taxId is null)
        {
            errors["taxId"] = ["The buyer's tax id (unified social credit code)."];
        }
        else if (CreditCode.Problem(taxId) is { } problem)
        {
            errors["taxId"] = [problem];
        }

        if (body?.TaxRate is not (0m or 0.01m or 0.03m or 0.06m or 0.09m or 0.13m))
        {
            errors["taxRate"] = ["A VAT rate: 0, 0.01, 0.03, 0.06, 0.09 or 0.13."];
        }

        if (body?.Amount is not > 0 || decimal.Round(body.Amount.Value, 2) != body.Amount)
        {
            errors["amount"] = ["An amount above 0 including tax, to the fen."];
        }

        if (body?.InstalmentIds is not { Count: > 0 })
        {
            errors["instalmentIds"] = ["The instalments the invoice covers."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var contract = await ContractsEndpoints.FindAsync(db, scope, caller, id, ct);
        if (!contract.IsSigned)
        {
            throw new BusinessRuleException("contract.not-signed", "Invoices are issued against signed contracts.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"invoices:" + id}, 0))", ct);
        var linked = await db.Instalments.Where(i => i.ContractId == id && body!.InstalmentIds!.Contains(i.Id)).ToListAsync(ct);
        if (linked.Count != body!.InstalmentIds!.Distinct().Count())
        {
            throw new RequestValidationException("instalmentIds", "Every id is an instalment of this contract.");
        }

        var previous = await db.Invoices.AsNoTracking().Where(i => i.ContractId == id).ToListAsync(ct);
        var allowed = linked.Sum(i => i.Amount) - previous.Where(p => p.InstalmentIds.Any(linked.Select(l => l.Id).Contains)).Sum(p => p.Amount);
        var contractLeft = contract.Amount - previous.Sum(p => p.Amount);
        if (body.Amount!.Value > Math.Min(allowed, contractLeft))
        {
            throw new BusinessRuleException("invoice.exceeds-plan",
                $"The plan allows {Math.Min(allowed, contractLeft):0.00} {contract.Currency} more on these instalments; {body.Amount:0.00} is more than that.")
            {
                Details = new Dictionary<string, object?> { ["allowed"] = Math.Min(allowed, contractLeft) },
            };
        }

        var now = clock.GetUtcNow();
        var invoice = new Invoice
        {
            ContractId = id, Number = $"FP{ReportingCalendar.China.ToLocal(now):yyyyMMdd}-{Guid.CreateVersion7(now).ToString("N")[^8..].ToUpperInvariant()}", Kind = kind,
            Title = title!, TaxId = taxId!, TaxRate = body.TaxRate!.Value, Amount = body.Amount.Value,
            Tax = Math.Round(body.Amount.Value * body.TaxRate.Value / (1 + body.TaxRate.Value), 2, MidpointRounding.AwayFromZero), InstalmentIds = [.. linked.Select(l => l.Id)],
            IssuedBy = ContractsEndpoints.By(caller), IssuedAt = now,
        };
        db.Invoices.Add(invoice);
        db.Record(id, "invoice-issued", invoice.IssuedBy, $"{invoice.Number} {invoice.Amount:0.00} (tax {invoice.Tax:0.00})", now);
        db.AddEvent(new InvoiceIssued(invoice.Id, id, contract.CustomerId, contract.OwnerId, invoice.Number, kind, new Money(invoice.Amount, contract.Currency), now)
        {
            OccurredAt = now,
        }, clock);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/contracts/{id}/invoices/{invoice.Id}", invoice);
    }

    private static async Task<Ok<ListPage<Invoice>>> ListInvoices(Guid id, ListQuery list, Caller caller, DataScope scope, ContractsDbContext db, CancellationToken ct)
    {
        await ContractsEndpoints.FindAsync(db, scope, caller, id, ct, track: false);
        return TypedResults.Ok(await db.Invoices.AsNoTracking().Where(i => i.ContractId == id).ToPageAsync(list, i => i.Id, i => i, ct));
    }

    /// <summary>
    /// The ageing report of the receivables the caller may see (a rep's own, a manager's subtree, everything for finance and above; <c>owner</c> or <c>unit</c> narrows):
    /// the outstanding amount of every unpaid instalment of signed contracts by bucket on the reporting calendar's day.
    /// </summary>
    private static async Task<Ok<AgeingDto>> Ageing(Guid? owner, Guid? unit, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        ReportingCalendar calendar, TeamDirectory directory, CancellationToken ct)
    {
        var contracts = ContractsEndpoints.Visible(db, scope, caller).Where(c => c.Status == ContractStatus.Signed || c.Status == ContractStatus.InForce);
        if (owner is not null)
        {
            contracts = contracts.Where(c => c.OwnerId == owner);
        }

        if (unit is { } unitId)
        {
            // A unit and everything under it: its people from team performance, for a unit the caller may see.
            var members = scope.SeesUnit(unitId) ? await directory.UnitMembersAsync(unitId, ct) : null;
            var people = members?.ToArray() ?? throw new NotFoundException("Unit", unitId);
            contracts = contracts.Where(c => people.Contains(c.OwnerId));
        }

        var rows = await db.Instalments.AsNoTracking().Where(i => i.Status != InstalmentStatus.Void && i.Paid < i.Amount)
            .Join(contracts, i => i.ContractId, c => c.Id, (i, c) => new { i.DueDate, Outstanding = i.Amount - i.Paid, c.Currency }).ToListAsync(ct);
        var policy = await PolicyStore.LoadAsync<CollectionsPolicy>(db, ct);
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var baseCurrency = (await PolicyStore.LoadAsync<ApprovalPolicy>(db, ct)).BaseCurrency;
        var today = calendar.DateOf(clock.GetUtcNow());
        var buckets = policy.Buckets.ToDictionary(b => b, _ => 0m);
        var unconverted = 0;
        foreach (var row in rows)
        {
            if (rates.ToReporting(row.Outstanding, row.Currency, baseCurrency, today) is not { } amount)
            {
                unconverted++;
                continue;
            }

            buckets[policy.BucketOf(today.DayNumber - row.DueDate.DayNumber)] += amount;
        }

        var rounded = buckets.ToDictionary(b => b.Key, b => Math.Round(b.Value, 2, MidpointRounding.AwayFromZero));
        return TypedResults.Ok(new AgeingDto(today, baseCurrency, rounded, rounded.Values.Sum(), rounded.Where(b => b.Key != "current").Sum(b => b.Value), rows.Count,
            unconverted));
    }

    /// <summary>
    /// Collections of the contracts signed in a period (Beijing calendar) that the caller may see: the collection cycle of each (signing to the
    /// last payment; to the period's end, or today, while money is owed), the average over completed ones, and DSO = outstanding at the end of the
    /// period / amount signed in it × days in the period. Amounts in the base currency at the signing day's rate.
    /// </summary>
    private static async Task<Ok<CollectionsSummaryDto>> Summary(string? period, Guid? owner, Caller caller, DataScope scope, ContractsDbContext db, TimeProvider clock,
        ReportingCalendar calendar, CancellationToken ct)
    {
        var parsed = Period.Parse(period ?? throw new RequestValidationException("period", "A period such as 2026, 2026-Q4 or 2026-11."));
        var (from, to) = (parsed.Start(calendar).ToUniversalTime(), parsed.End(calendar).ToUniversalTime());
        var contracts = ContractsEndpoints.Visible(db, scope, caller).Where(c => c.SignedAt >= from && c.SignedAt < to);
        if (owner is not null)
        {
            contracts = contracts.Where(c => c.OwnerId == owner);
        }

        var signed = await contracts.Select(c => new { c.Id, c.Number, c.Amount, c.Currency, SignedAt = c.SignedAt!.Value }).ToListAsync(ct);
        var ids = signed.Select(c => c.Id).ToList();
        var payments = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.ContractId)).ToListAsync(ct)).GroupBy(p => p.ContractId).ToDictionary(g => g.Key, g => g.ToList());
        var now = clock.GetUtcNow();
        var end = now < to ? now : to;
        var rates = await PolicyStore.LoadAsync<ExchangeRatePolicy>(db, ct);
        var baseCurrency = (await PolicyStore.LoadAsync<ApprovalPolicy>(db, ct)).BaseCurrency;
        decimal signedTotal = 0, collected = 0, outstanding = 0;
        var cycles = new List<CollectionCycleDto>();
        foreach (var c in signed.OrderBy(c => c.SignedAt))
        {
            var paid = payments.GetValueOrDefault(c.Id) ?? [];
            var day = calendar.DateOf(c.SignedAt);
            var convert = (decimal amount) => rates.ToReporting(amount, c.Currency, baseCurrency, day) ?? 0m;
            var paidByEnd = paid.Where(p => p.ReceivedAt <= end).Sum(p => p.Amount);
            signedTotal += convert(c.Amount);
            collected += convert(paidByEnd);
            outstanding += convert(c.Amount - paidByEnd);
            var complete = paid.Sum(p => p.Amount) >= c.Amount;
            var last = complete ? paid.Max(p => p.ReceivedAt) : (DateTimeOffset?)null;
            cycles.Add(new CollectionCycleDto(c.Id, c.Number, c.SignedAt, last, Math.Round(((last ?? end) - c.SignedAt).TotalDays, 1), complete));
        }

        var days = (decimal)(to - from).TotalDays;
        var done = cycles.Where(c => c.Complete).ToList();
        return TypedResults.Ok(new CollectionsSummaryDto(parsed.Key, baseCurrency, Math.Round(signedTotal, 2), Math.Round(collected, 2), Math.Round(outstanding, 2),
            done.Count == 0 ? null : Math.Round(done.Average(c => c.Days), 1), signedTotal == 0 ? null : Math.Round(outstanding / signedTotal * days, 1), cycles));
    }
}
