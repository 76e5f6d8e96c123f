using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

// The client side of team performance's org directory, with its settings and its one failure: kept in one
// file because none is used without the others.

/// <summary>Settings of every service's calls to team performance (<c>TeamDirectory</c> section).</summary>
public sealed class TeamDirectoryOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "TeamDirectory";

    /// <summary>Deadline of each gRPC call; when it passes, team performance counts as down for that call.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a subtree (or another answer a service caches) stays in Redis for every replica.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Team performance could not answer (down, too slow, refusing). Where the answer is needed to serve a
/// request (a manager's subtree), the request gets 503 with <c>Retry-After</c>: never "see everything" or
/// "see nothing" silently.
/// </summary>
public sealed class TeamPerformanceUnavailableException(string message, Exception inner) : DependencyUnavailableException("teamperformance", message, inner);

/// <summary>
/// Team performance's org directory over gRPC (<c>http://_grpc.teamperformance</c>): every call has the
/// configured deadline, and transport failures become <see cref="TeamPerformanceUnavailableException"/>.
/// </summary>
public sealed class TeamDirectory(TeamPerformance.TeamPerformanceClient client, IOptions<TeamDirectoryOptions> options,
    ILogger<TeamDirectory> logger) : SubtreeSource
{
    /// <inheritdoc />
    public override async Task<Subtree> GetSubtreeAsync(Guid personId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CallAsync(c => c.GetSubtreeAsync(new GetSubtreeRequest { PersonId = personId.ToString() },
                deadline: Deadline(), cancellationToken: cancellationToken));
            return new Subtree(Ids(response.PersonIds), Ids(response.UnitIds));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Not (or no longer) in the org: only their own records.
            return new Subtree([personId], []);
        }
    }

    /// <summary>The person's manager (who hears about their overdue work), or null at the top or when team performance does not know them.</summary>
    public async Task<Guid?> ManagerOfAsync(Guid personId, CancellationToken cancellationToken)
    {
        try
        {
            var person = await CallAsync(c => c.GetPersonAsync(new GetPersonRequest { PersonId = personId.ToString() },
                deadline: Deadline(), cancellationToken: cancellationToken));
            return Guid.TryParse(person.ManagerId, out var manager) ? manager : null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Who hears about <paramref name="owner"/>'s overdue work (a lead's SLA, a complaint): the owner and their
    /// manager; the owner alone when team performance is down (logged), so a notice is never lost for it.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OwnerAndManagerAsync(Guid owner, CancellationToken cancellationToken)
    {
        try
        {
            return await ManagerOfAsync(owner, cancellationToken) is { } manager ? [owner, manager] : [owner];
        }
        catch (TeamPerformanceUnavailableException e)
        {
            logger.LogWarning("The manager of {Owner} is not notified, team performance is down: {Error}", owner, e.Message);
            return [owner];
        }
    }

    /// <summary>Everyone in the unit and the units under it; null when team performance does not know the unit.</summary>
    public async Task<IReadOnlyList<Guid>?> UnitMembersAsync(Guid unitId, CancellationToken cancellationToken)
    {
        try
        {
            var members = await CallAsync(c => c.GetUnitMembersAsync(new GetUnitMembersRequest { UnitId = unitId.ToString() },
                deadline: Deadline(), cancellationToken: cancellationToken));
            return Ids(members.PersonIds);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The active people holding <paramref name="role"/> (finance, legal): who hears of work addressed to the role.</summary>
    public async Task<IReadOnlyList<Guid>> RoleMembersAsync(string role, CancellationToken cancellationToken)
    {
        var members = await CallAsync(c => c.GetRoleMembersAsync(new GetRoleMembersRequest { Role = role }, deadline: Deadline(), cancellationToken: cancellationToken));
        return Ids(members.PersonIds);
    }

    /// <summary>The deadline for a call starting now.</summary>
    public DateTime Deadline() => DateTime.UtcNow + options.Value.Deadline;

    /// <summary>Makes one call; a transport failure or a server fault is <see cref="TeamPerformanceUnavailableException"/>.</summary>
    public Task<T> CallAsync<T>(Func<TeamPerformance.TeamPerformanceClient, AsyncUnaryCall<T>> call) =>
        ServiceCalls.CallAsync("team performance", () => call(client), (message, inner) => new TeamPerformanceUnavailableException(message, inner));

    private static Guid[] Ids(IEnumerable<string> ids) =>
        [.. ids.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];
}
