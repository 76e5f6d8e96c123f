using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Endpoints;

// Several types in one file: The partner endpoints with their request and response records.
public sealed record PartnerDto(Guid Id, string Name, string Kind, string Tier, string? Region, string? Province, string? City,
    Guid? ManagerId, bool Active)
{
    public static PartnerDto From(Partner p) => new(p.Id, p.Name, p.Kind, p.Tier, p.Region, p.Province, p.City, p.ManagerId, p.Active);
}

public sealed record SavePartnerRequest(Guid? Id, string Name, string Kind, string Tier, string? Region, string? Province, string? City,
    Guid? ManagerId);

public sealed record RebateScheduleDto(string Tier, IReadOnlyList<RebateBracket> Brackets);


/// <summary>
/// Channel partners: tier and territory, channel KPIs and tiered volume rebates. Staff read every partner;
/// a partner caller reads only itself (anything else is 404); rebate statements are narrower (<see cref="RebateReaders"/>).
/// </summary>
public static class PartnerEndpoints
{
    public static IEndpointRouteBuilder MapPartnerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/performance").WithTags("Channel partners").RequireAuthorization(Policies.AnyCaller);
        group.MapGet("/partners", ListPartners).RequireAuthorization(Policies.Staff);
        group.MapPost("/partners", CreatePartner).RequireAuthorization(Policies.Admin);
        group.MapPut("/partners/{id:guid}", ChangePartner).RequireAuthorization(Policies.Admin);
        group.MapGet("/partners/{id:guid}", GetPartner);
        group.MapGet("/partners/{id:guid}/kpis", GetChannelKpis);
        group.MapGet("/partners/{id:guid}/rebates", GetRebate);
        group.MapGet("/rebate-schedules", ListSchedules).RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Ok<ListPage<PartnerDto>>> ListPartners(ListQuery list, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var partners = db.Partners.AsNoTracking();
        if (list.Pattern is { } pattern)
        {
            partners = partners.Where(p => EF.Functions.ILike(p.Name, pattern));
        }

        return TypedResults.Ok(await partners.ToPageAsync(list, p => p.Id, PartnerDto.From, ct, ListSort.Oldest));
    }

    private static async Task<Created<PartnerDto>> CreatePartner(SavePartnerRequest request, TeamPerformanceDbContext db, CancellationToken ct)
    {
        var partner = Partner.Create(request.Id ?? Guid.CreateVersion7(), request.Name, request.Kind, request.Tier, request.Region,
            request.Province, request.City, request.ManagerId);
        if (await db.Partners.AnyAsync(p => p.Id == partner.Id, ct))
        {
            throw new ConflictException("partner.exists", $"Partner '{partner.Id}' already exists.");
        }

        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/performance/partners/{partner.Id}", PartnerDto.From(partner));
    }

    private static async Task<Ok<PartnerDto>> ChangePartner(Guid id, SavePartnerRequest request, TeamPerformanceDbContext db,
        CancellationToken ct)
    {
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Partner", id);
        partner.Change(request.Name, request.Kind, request.Tier, request.Region, request.Province, request.City, request.ManagerId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PartnerDto.From(partner));
    }

    private static async Task<Ok<PartnerDto>> GetPartner(Guid id, Caller caller, TeamPerformanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(PartnerDto.From(await ReadableAsync(db, caller, id, ct)));

    private static async Task<Ok<ChannelKpis>> GetChannelKpis(Guid id, string? period, Caller caller, TeamPerformanceDbContext db,
        IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        await ReadableAsync(db, caller, id, ct);
        var facts = await db.Facts.AsNoTracking().Where(f => f.PartnerId == id && f.Month >= parsed.From && f.Month <= parsed.To).ToListAsync(ct);
        // Customers the partner brought: any customer on its deals or contracts so far.
        var customers = db.Facts.Where(f => f.PartnerId == id && f.CustomerId != null).Select(f => f.CustomerId);
        var nps = await db.Facts.AsNoTracking()
            .Where(f => f.Kind == FactKinds.Nps && customers.Contains(f.CustomerId) && f.Month >= parsed.From && f.Month <= parsed.To)
            .ToListAsync(ct);
        var targets = await KpiQueries.TargetRowsAsync(db, TargetOwner.Partner(id), parsed.Year, ct);
        var target = TargetLookup.For(targets, TargetMetrics.Revenue, TargetOwner.Partner(id), parsed);
        return TypedResults.Ok(ChannelKpiCalculator.Compute(id, parsed, options.Value.Currency, facts, nps, target));
    }

    /// <summary>The partner's rebate for a period: its tier's brackets over partner-sourced signed revenue.</summary>
    private static async Task<Ok<RebateStatement>> GetRebate(Guid id, string? period, Caller caller, TeamPerformanceDbContext db,
        IOptions<TeamPerformanceOptions> options, CancellationToken ct)
    {
        var parsed = Period.Parse(period);
        var partner = await RebateReadableAsync(db, caller, id, ct);
        var schedule = (await PolicyStore.LoadAsync<RebatePolicy>(db, ct)).For(partner.Tier)
            ?? throw new BusinessRuleException("rebate.no-schedule", $"No rebate schedule is set for tier '{partner.Tier}'.");
        var currency = options.Value.Currency;
        var signed = db.Facts.Where(f => f.PartnerId == id && f.Kind == FactKinds.ContractSigned && f.Currency == currency);
        var volume = await signed.Where(f => f.Month >= parsed.From && f.Month <= parsed.To).SumAsync(f => f.Amount, ct);
        var yearStart = parsed.Year * 100 + 1;
        var before = await signed.Where(f => f.Month >= yearStart && f.Month < parsed.From).SumAsync(f => f.Amount, ct);
        return TypedResults.Ok(schedule.Statement(id, parsed.Key, volume, currency, before));
    }

    /// <summary>The rebate schedules by tier (a view of the <c>rebates</c> policy, which is where they change).</summary>
    private static async Task<Ok<List<RebateScheduleDto>>> ListSchedules(TeamPerformanceDbContext db, CancellationToken ct)
    {
        var schedules = (await PolicyStore.LoadAsync<RebatePolicy>(db, ct)).Schedules;
        return TypedResults.Ok(schedules.OrderBy(s => PartnerTiers.All.ToList().IndexOf(s.Tier))
            .Select(s => new RebateScheduleDto(s.Tier, s.Brackets)).ToList());
    }

    /// <summary>Roles that read every partner's rebate statement (money owed to partners).</summary>
    public static readonly IReadOnlyList<string> RebateReaders = [Roles.Finance, Roles.SalesDirector, Roles.Admin];

    /// <summary>
    /// A rebate statement is read by the partner itself, its channel manager (the partner's manager),
    /// finance, sales directors and admins; for anyone else the partner does not exist (404).
    /// </summary>
    private static async Task<Partner> RebateReadableAsync(TeamPerformanceDbContext db, Caller caller, Guid id, CancellationToken ct)
    {
        var everyPartner = !caller.IsPartner && RebateReaders.Any(caller.IsInRole);
        var person = caller.IsPartner ? null : caller.PersonId;
        var own = caller.IsPartner ? caller.PartnerId : null;
        return await db.Partners.AsNoTracking()
            .Where(p => p.Id == id && (everyPartner || p.Id == own || (person != null && p.ManagerId == person)))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Partner", id);
    }

    private static async Task<Partner> ReadableAsync(TeamPerformanceDbContext db, Caller caller, Guid id, CancellationToken ct)
    {
        if (caller.IsPartner && caller.PartnerId != id)
        {
            throw new NotFoundException("Partner", id);
        }

        return await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Partner", id);
    }
}
