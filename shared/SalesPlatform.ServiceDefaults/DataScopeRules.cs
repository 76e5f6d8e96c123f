using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>How far a caller's data scope (數據權限) reaches.</summary>
public enum DataReach
{
    /// <summary>Their own records (本人); for a partner, what it referred or owns.</summary>
    Own,

    /// <summary>Their own and everyone's below them in the org hierarchy (本部門及下屬).</summary>
    Subtree,

    /// <summary>Every record (全部).</summary>
    All,
}

/// <summary>
/// The one rule of every service for how far a caller sees, by role: administrators, executives (VP,
/// sales director) and analysts everything; managers in the sales line their subtree; everyone else,
/// and every partner, their own. Services apply it in their queries (with the subtree from team
/// performance) and answer 404 for anything outside it.
/// </summary>
public static class DataScopeRules
{
    /// <summary>Roles that see every record.</summary>
    public static readonly IReadOnlyList<string> SeeEverything = [Roles.Admin, Roles.Vp, Roles.SalesDirector, Roles.Analyst];

    /// <summary>How far <paramref name="caller"/> sees.</summary>
    public static DataReach ReachOf(Caller caller) =>
        caller.IsPartner ? DataReach.Own
        : SeeEverything.Any(caller.IsInRole) ? DataReach.All
        : caller.IsManager ? DataReach.Subtree
        : DataReach.Own;
}
