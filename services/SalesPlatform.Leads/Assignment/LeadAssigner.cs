using SalesPlatform.Leads.Domain;
using SalesPlatform.Protos.TeamPerformance;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Assignment;

/// <summary>
/// Assigns a lead: the ordered rules of the assignment policy pick what to ask team performance's
/// FindAssignees, the least-loaded eligible rep wins, and the reason is recorded. No matching rule,
/// no eligible rep, or team performance down leaves the lead in the queue with the reason.
/// </summary>
public sealed class LeadAssigner(TeamDirectory directory, ILogger<LeadAssigner> logger)
{
    /// <summary>Applies the decision to <paramref name="lead"/>; returns it. Throws <see cref="TeamPerformanceUnavailableException"/> only when <paramref name="throwWhenDown"/>.</summary>
    public async Task<AssignmentDecision> AssignAsync(Lead lead, AssignmentPolicy policy, SlaPolicy sla, DateTimeOffset now,
        CancellationToken cancellationToken, bool throwWhenDown = false, Dictionary<Guid, int>? extraLoad = null)
    {
        var decision = await DecideAsync(lead, policy, cancellationToken, throwWhenDown, extraLoad);
        if (decision.OwnerId is { } owner)
        {
            lead.Assign(owner, decision.Reason, now, sla);
        }
        else if (decision.TeamPerformanceDown)
        {
            lead.QueueForNextRun(decision.Reason, now);
        }
        else
        {
            lead.Queue(decision.Reason, now, policy);
        }

        return decision;
    }

    private async Task<AssignmentDecision> DecideAsync(Lead lead, AssignmentPolicy policy, CancellationToken cancellationToken,
        bool throwWhenDown, Dictionary<Guid, int>? extraLoad)
    {
        var matched = false;
        foreach (var rule in policy.MatchingRules(lead))
        {
            matched = true;
            var query = rule.QueryFor(lead);
            IReadOnlyList<Candidate> candidates;
            try
            {
                candidates = await FindAssigneesAsync(query, policy.MaxCandidates, cancellationToken);
            }
            catch (TeamPerformanceUnavailableException e)
            {
                if (throwWhenDown)
                {
                    throw;
                }

                logger.LogWarning("Lead {LeadId} queued: {Error}", lead.Id, e.Message);
                return new AssignmentDecision(null, "queued: team performance unavailable", TeamPerformanceDown: true);
            }

            if (extraLoad is not null)
            {
                candidates = [.. candidates.Select(c => c with { OpenLeads = c.OpenLeads + extraLoad.GetValueOrDefault(c.PersonId) })];
            }

            if (AssignmentPolicy.LeastLoaded(candidates) is { } chosen)
            {
                if (extraLoad is not null)
                {
                    extraLoad[chosen.PersonId] = extraLoad.GetValueOrDefault(chosen.PersonId) + 1;
                }

                return new AssignmentDecision(chosen.PersonId,
                    $"rule '{rule.Name}': least loaded of {candidates.Count} eligible ({chosen.Name}, {chosen.OpenLeads} open; {chosen.Match})");
            }
        }

        return new AssignmentDecision(null, matched ? "queued: no eligible rep with capacity" : "queued: no assignment rule matched");
    }

    /// <summary>Eligible reps for <paramref name="query"/>, as team performance returns them.</summary>
    public async Task<IReadOnlyList<Candidate>> FindAssigneesAsync(AssigneeQuery query, int maxResults, CancellationToken cancellationToken)
    {
        var request = new FindAssigneesRequest
        {
            Region = query.Region,
            Province = query.Province,
            City = query.City,
            Industry = query.Industry,
            Specialty = query.Specialty,
            MaxResults = maxResults,
        };
        var response = await directory.CallAsync(c => c.FindAssigneesAsync(request, deadline: directory.Deadline(), cancellationToken: cancellationToken));
        return [.. response.Assignees
            .Where(a => Guid.TryParse(a.PersonId, out _))
            .Select(a => new Candidate(Guid.Parse(a.PersonId), a.Name, a.OpenLeads, a.Capacity, a.Match))];
    }

    /// <summary>The territories the person's team covers (unowned-lead queue visibility).</summary>
    public async Task<IReadOnlyList<QueueArea>> GetCoverageAsync(Guid personId, CancellationToken cancellationToken)
    {
        var response = await directory.CallAsync(c => c.GetCoverageAsync(new GetCoverageRequest { PersonId = personId.ToString() },
            deadline: directory.Deadline(), cancellationToken: cancellationToken));
        return [.. response.Areas.Select(a => new QueueArea(a.Region, NullIfEmpty(a.Province), NullIfEmpty(a.City), [.. a.Industries]))];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
