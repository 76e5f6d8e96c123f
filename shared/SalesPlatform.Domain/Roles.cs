namespace SalesPlatform.Domain;

/// <summary>
/// The roles of ARCHITECTURE.md as they appear in the <c>role</c> claim of a token. Authorization
/// policies carry the same names (<c>AuthExtensions</c> in ServiceDefaults).
/// </summary>
public static class Roles
{
    /// <summary>Sales representative: sees own records.</summary>
    public const string Rep = "rep";
    /// <summary>City supervisor: manages reps of a city.</summary>
    public const string CitySupervisor = "city-supervisor";
    /// <summary>Province manager.</summary>
    public const string ProvinceManager = "province-manager";
    /// <summary>Region manager.</summary>
    public const string RegionManager = "region-manager";
    /// <summary>Sales director: approves contracts below the co-sign threshold.</summary>
    public const string SalesDirector = "sales-director";
    /// <summary>Finance: co-signs large contracts, owns collections.</summary>
    public const string Finance = "finance";
    /// <summary>Legal: reviews clauses, co-signs large contracts.</summary>
    public const string Legal = "legal";
    /// <summary>Vice president: co-signs large contracts.</summary>
    public const string Vp = "vp";
    /// <summary>Customer-service agent: complaints and satisfaction.</summary>
    public const string ServiceAgent = "service-agent";
    /// <summary>Analyst: reads analytics across the organisation.</summary>
    public const string Analyst = "analyst";
    /// <summary>Internal auditor: reads every contract and its trail, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Administrator: policies, users, everything.</summary>
    public const string Admin = "admin";
    /// <summary>External channel partner or distributor (API key or client credentials).</summary>
    public const string Partner = "partner";

    /// <summary>Every role, in hierarchy order for the sales line.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Rep, CitySupervisor, ProvinceManager, RegionManager, SalesDirector,
        Finance, Legal, Vp, ServiceAgent, Analyst, Auditor, Admin, Partner,
    ];

    /// <summary>Roles that manage people and see their subtree.</summary>
    public static readonly IReadOnlyList<string> Managers =
        [CitySupervisor, ProvinceManager, RegionManager, SalesDirector, Vp];
}
