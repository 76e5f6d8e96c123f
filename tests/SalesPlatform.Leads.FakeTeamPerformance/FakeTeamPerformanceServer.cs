using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SalesPlatform.Protos.TeamPerformance;

namespace SalesPlatform.Leads.FakeTeamPerformance;

/// <summary>A rep the fake offers, with the territory and industry it covers (null = any).</summary>
public sealed record FakeAssignee(Guid PersonId, string Name, int OpenLeads, int Capacity, string? Region = null, string? Industry = null,
    string? Specialty = null);

/// <summary>
/// A real team-performance gRPC server on a loopback port, implementing the generated base class
/// with canned assignees and subtrees. It can be stopped and started again on the same port to
/// play "team performance down, then back".
/// </summary>
public sealed class FakeTeamPerformanceServer : IAsyncDisposable
{
    private readonly FakeGrpcHost<FakeTeamPerformanceService> host;

    private FakeTeamPerformanceServer() => host = new(services => services.AddSingleton(this));

    /// <summary>Reps FindAssignees chooses from (by region and industry, null = any; a specialist only when that specialty is asked), least loaded first.</summary>
    public List<FakeAssignee> Assignees { get; } = [];

    /// <summary>GetSubtree answers: manager to the people below them.</summary>
    public Dictionary<Guid, List<Guid>> Subtrees { get; } = [];

    /// <summary>The units a manager's subtree covers (their unit and those under it).</summary>
    public Dictionary<Guid, List<Guid>> SubtreeUnits { get; } = [];

    /// <summary>The people holding each role.</summary>
    public Dictionary<string, List<Guid>> RoleMembers { get; } = [];

    /// <summary>The people of each unit (it and the units under it).</summary>
    public Dictionary<Guid, List<Guid>> UnitMembers { get; } = [];

    /// <summary>GetCoverage answers: manager to the territories their team covers.</summary>
    public Dictionary<Guid, List<FakeArea>> Coverage { get; } = [];

    /// <summary>FindAssignees requests received, as "region|province|city|industry|specialty".</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The address to configure as the service's <c>grpc</c> endpoint.</summary>
    public string Address => host.Address;

    public bool IsRunning => host.IsRunning;

    public static async Task<FakeTeamPerformanceServer> StartAsync()
    {
        var server = new FakeTeamPerformanceServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts listening (again, on the same port after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync() => host.StartAsync();

    /// <summary>Stops listening: calls fail until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => host.StopAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

    internal IEnumerable<FakeAssignee> Find(FindAssigneesRequest request)
    {
        lock (Requests)
        {
            Requests.Add($"{request.Region}|{request.Province}|{request.City}|{request.Industry}|{request.Specialty}");
        }

        return Assignees
            .Where(a => Matches(a.Region, request.Region) && Matches(a.Industry, request.Industry)
                && string.Equals(a.Specialty ?? "", request.Specialty, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.OpenLeads);
    }

    private static bool Matches(string? covered, string asked) =>
        covered is null || asked.Length == 0 || string.Equals(covered, asked, StringComparison.OrdinalIgnoreCase);
}

internal sealed class FakeTeamPerformanceService(FakeTeamPerformanceServer server) : TeamPerformance.TeamPerformanceBase
{
    public override Task<FindAssigneesResponse> FindAssignees(FindAssigneesRequest request, ServerCallContext context)
    {
        var response = new FindAssigneesResponse();
        response.Assignees.AddRange(server.Find(request).Select(a => new Assignee
        {
            PersonId = a.PersonId.ToString(),
            Name = a.Name,
            OpenLeads = a.OpenLeads,
            Capacity = a.Capacity,
            Match = $"region={a.Region ?? "any"}; industry={a.Industry ?? "any"}",
        }));
        return Task.FromResult(response);
    }

    public override Task<GetSubtreeResponse> GetSubtree(GetSubtreeRequest request, ServerCallContext context)
    {
        var response = new GetSubtreeResponse { PersonId = request.PersonId };
        response.PersonIds.Add(request.PersonId);
        if (Guid.TryParse(request.PersonId, out var id) && server.Subtrees.TryGetValue(id, out var below))
        {
            response.PersonIds.AddRange(below.Select(b => b.ToString()));
        }

        if (Guid.TryParse(request.PersonId, out var manager) && server.SubtreeUnits.TryGetValue(manager, out var units))
        {
            response.UnitIds.AddRange(units.Select(u => u.ToString()));
        }

        return Task.FromResult(response);
    }

    public override Task<GetRoleMembersResponse> GetRoleMembers(GetRoleMembersRequest request, ServerCallContext context)
    {
        var response = new GetRoleMembersResponse { Role = request.Role };
        response.PersonIds.AddRange((server.RoleMembers.GetValueOrDefault(request.Role) ?? []).Select(p => p.ToString()));
        return Task.FromResult(response);
    }

    public override Task<GetUnitMembersResponse> GetUnitMembers(GetUnitMembersRequest request, ServerCallContext context)
    {
        server.Requests.Add($"GetUnitMembers:{request.UnitId}");
        if (!Guid.TryParse(request.UnitId, out var unit) || !server.UnitMembers.TryGetValue(unit, out var members))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Unit '{request.UnitId}' was not found."));
        }

        var response = new GetUnitMembersResponse { UnitId = request.UnitId };
        response.PersonIds.AddRange(members.Select(m => m.ToString()));
        return Task.FromResult(response);
    }

    public override Task<GetCoverageResponse> GetCoverage(GetCoverageRequest request, ServerCallContext context)
    {
        var response = new GetCoverageResponse { PersonId = request.PersonId };
        if (Guid.TryParse(request.PersonId, out var id) && server.Coverage.TryGetValue(id, out var areas))
        {
            response.Areas.AddRange(areas.Select(a =>
            {
                var area = new CoverageArea { Region = a.Region, Province = a.Province ?? "", City = a.City ?? "" };
                area.Industries.AddRange(a.Industries);
                return area;
            }));
        }

        return Task.FromResult(response);
    }

    /// <summary>The person, with as manager whoever has them in their subtree.</summary>
    public override Task<Person> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        var id = Guid.TryParse(request.PersonId, out var parsed) ? parsed : Guid.Empty;
        var manager = server.Subtrees.FirstOrDefault(s => s.Key != id && s.Value.Contains(id)).Key;
        return Task.FromResult(new Person { PersonId = request.PersonId, Active = true, ManagerId = manager == Guid.Empty ? "" : manager.ToString() });
    }
}

/// <summary>A territory a manager's team covers, as GetCoverage answers it (no industries = any).</summary>
public sealed record FakeArea(string Region, string? Province = null, string? City = null, params string[] Industries);
