using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.TeamPerformance.Data;
using SalesPlatform.TeamPerformance.Domain;
using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Grpc;

/// <summary>
/// Internal gRPC API (not routed by the gateway; the network policy admits only other services): who covers
/// a territory (lead assignment), who reports to whom (data scoping) and one person.
/// </summary>
public sealed class TeamPerformanceGrpcService(TeamPerformanceDbContext db) : Protos.TeamPerformance.TeamPerformance.TeamPerformanceBase
{
    public override async Task<FindAssigneesResponse> FindAssignees(FindAssigneesRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var search = await PolicyStore.LoadAsync<AssigneeSearchPolicy>(db, ct);
        var max = request.MaxResults > 0 ? Math.Min(request.MaxResults, search.MaxResults) : search.DefaultResults;

        // SQL narrows to active reps with free capacity in the asked region/province/city; AssigneeRanking decides.
        var query = db.People.AsNoTracking().Where(p => p.Active && p.Role == Roles.Rep && p.OpenLeads < p.Capacity);
        var region = Lower(request.Region);
        var province = Lower(request.Province);
        var city = Lower(request.City);
        if (region is not null)
        {
            query = query.Where(p => p.Territories.Any(t => t.Region.ToLower() == region));
        }
        else if (province is not null)
        {
            query = query.Where(p => p.Territories.Any(t => t.Province == null || t.Province.ToLower() == province));
        }

        if (city is not null)
        {
            query = query.Where(p => p.Territories.Any(t => t.City == null || t.City.ToLower() == city));
        }

        var industry = Lower(request.Industry);
        if (industry is not null)
        {
            query = query.Where(p => p.Industries.Count == 0 || p.Industries.Contains(industry));
        }

        var people = await query.ToListAsync(ct);
        var candidates = people.Select(p => new Candidate(p.Id, p.Name, p.Email, p.UnitId, p.ManagerId, p.Specialty, p.OpenLeads,
            p.Capacity, p.Industries, p.Territories));
        var ranked = AssigneeRanking.Rank(
            new AssignmentRequest(request.Region, request.Province, request.City, request.Industry, request.Specialty), candidates, max);

        var response = new FindAssigneesResponse();
        response.Assignees.AddRange(ranked.Select(r => new Assignee
        {
            PersonId = r.Candidate.PersonId.ToString(),
            Name = r.Candidate.Name,
            Email = r.Candidate.Email,
            OpenLeads = r.Candidate.OpenLeads,
            Capacity = r.Candidate.Capacity,
            UnitId = r.Candidate.UnitId.ToString(),
            ManagerId = r.Candidate.ManagerId?.ToString() ?? "",
            Match = r.Match,
        }));
        return response;
    }

    public override async Task<GetSubtreeResponse> GetSubtree(GetSubtreeRequest request, ServerCallContext context)
    {
        var id = ParseId(request.PersonId);
        if (!await db.People.AnyAsync(p => p.Id == id, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Person '{id}' was not found."));
        }

        var subtree = await new OrgSubtree(db).GetSubtreeAsync(id, context.CancellationToken);
        var response = new GetSubtreeResponse { PersonId = id.ToString() };
        response.PersonIds.AddRange(subtree.People.Select(i => i.ToString()));
        response.UnitIds.AddRange(subtree.Units.Select(i => i.ToString()));
        return response;
    }

    public override async Task<GetUnitMembersResponse> GetUnitMembers(GetUnitMembersRequest request, ServerCallContext context)
    {
        var id = ParseId(request.UnitId);
        var path = await db.Units.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unit '{id}' was not found."));
        var response = new GetUnitMembersResponse { UnitId = id.ToString() };
        response.PersonIds.AddRange((await OrgSubtree.UnitMemberIds(db, path).ToListAsync(context.CancellationToken)).Select(p => p.ToString()));
        return response;
    }

    public override async Task<GetRoleMembersResponse> GetRoleMembers(GetRoleMembersRequest request, ServerCallContext context)
    {
        var response = new GetRoleMembersResponse { Role = request.Role };
        response.PersonIds.AddRange((await db.People.AsNoTracking().Where(p => p.Role == request.Role && p.Active).Select(p => p.Id)
            .ToListAsync(context.CancellationToken)).Select(p => p.ToString()));
        return response;
    }

    public override async Task<GetCoverageResponse> GetCoverage(GetCoverageRequest request, ServerCallContext context)
    {
        var id = ParseId(request.PersonId);
        var ct = context.CancellationToken;
        var path = await db.People.Where(p => p.Id == id).Select(p => p.Path).FirstOrDefaultAsync(ct)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Person '{id}' was not found."));
        var ids = OrgSubtree.SubtreeIds(db, path);
        var people = await db.People.AsNoTracking().Where(p => p.Active && ids.Contains(p.Id) && p.Territories.Count > 0)
            .Select(p => new { p.Territories, p.Industries }).ToListAsync(ct);
        var response = new GetCoverageResponse { PersonId = id.ToString() };
        response.Areas.AddRange(people
            .SelectMany(p => p.Territories.Select(t => (t.Region, Province: t.Province ?? "", City: t.City ?? "",
                Industries: string.Join(',', p.Industries))))
            .Distinct()
            .Select(a =>
            {
                var area = new CoverageArea { Region = a.Region, Province = a.Province, City = a.City };
                area.Industries.AddRange(a.Industries.Split(',', StringSplitOptions.RemoveEmptyEntries));
                return area;
            }));
        return response;
    }

    public override async Task<Protos.TeamPerformance.Person> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        var id = ParseId(request.PersonId);
        var found = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { Person = p, UnitPath = u.NamePath })
            .FirstOrDefaultAsync(context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Person '{id}' was not found."));
        return new Protos.TeamPerformance.Person
        {
            PersonId = found.Person.Id.ToString(),
            Name = found.Person.Name,
            Email = found.Person.Email,
            Role = found.Person.Role,
            UnitId = found.Person.UnitId.ToString(),
            UnitPath = found.UnitPath,
            ManagerId = found.Person.ManagerId?.ToString() ?? "",
            Specialty = found.Person.Specialty ?? "",
            Active = found.Person.Active,
        };
    }

    private static Guid ParseId(string value) => Guid.TryParse(value, out var id)
        ? id
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "person_id must be a GUID."));

    private static string? Lower(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
