namespace SalesPlatform.Domain;

/// <summary>
/// A policy: a rule table or a set of thresholds a business owns (scoring, SLA, assignment, commission,
/// rebates, stage probabilities, approval matrix ...), kept as data. It is a plain, typed record that
/// knows its name, its default (what applies until someone changes it) and how to check itself; storage,
/// versions, history and the <c>GET/PUT .../policies/{name}</c> endpoints are the shared store's
/// (<c>PolicyStore</c> in ServiceDefaults).
/// </summary>
/// <typeparam name="TSelf">The policy type itself.</typeparam>
public interface IPolicy<TSelf> where TSelf : class, IPolicy<TSelf>
{
    /// <summary>The policy's name in URLs and history (<c>scoring</c>, <c>commission</c>): lower case, hyphens.</summary>
    static abstract string Name { get; }

    /// <summary>What applies before anyone changes it.</summary>
    static abstract TSelf Default { get; }

    /// <summary>Every problem, by the JSON path of the field (<c>tiers[1].rate</c>); empty when valid.</summary>
    Dictionary<string, string[]> Validate();
}
