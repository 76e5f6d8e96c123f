using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The small development organisation (East China &gt; Jiangsu &gt; Suzhou) that identity and team
/// performance both seed in development, with fixed ids so a token from identity names the same
/// person team performance knows. Every user's password is <see cref="Password"/>. Never seeded
/// outside development.
/// </summary>
public static class DemoOrganization
{
    /// <summary>Password of every demo user.</summary>
    public const string Password = "Demo123!";

    /// <summary>An org unit of the demo company.</summary>
    /// <param name="Id">Unit id.</param>
    /// <param name="Name">Unit name.</param>
    /// <param name="Level">company, region, province or city.</param>
    /// <param name="ParentId">Parent unit, null for the company.</param>
    public sealed record Unit(Guid Id, string Name, string Level, Guid? ParentId);

    /// <summary>A demo user and team-performance person.</summary>
    /// <param name="Id">Person id (the <c>sub</c> of their tokens).</param>
    /// <param name="Email">Sign-in name.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">A <see cref="Roles"/> name.</param>
    /// <param name="UnitId">The unit they belong to.</param>
    /// <param name="ManagerId">Their manager, null at the top.</param>
    public sealed record Person(Guid Id, string Email, string Name, string Role, Guid UnitId, Guid? ManagerId);

    /// <summary>The company.</summary>
    public static readonly Unit Company = new(Guid.Parse("0d8591df-3f9e-57ca-99f1-caa62b87c391"), "Demo Company", "company", null);
    /// <summary>East China region.</summary>
    public static readonly Unit EastChina = new(Guid.Parse("4d156ba4-fe9c-5468-b29d-355ef733c257"), "East China", "region", Company.Id);
    /// <summary>Jiangsu province.</summary>
    public static readonly Unit Jiangsu = new(Guid.Parse("903bc670-fcb6-57b0-a5a8-251672b3913b"), "Jiangsu", "province", EastChina.Id);
    /// <summary>Suzhou city.</summary>
    public static readonly Unit Suzhou = new(Guid.Parse("10922b35-fa21-5480-bc3f-fcc4dd4295c7"), "Suzhou", "city", Jiangsu.Id);

    /// <summary>All units, parents first.</summary>
    public static readonly IReadOnlyList<Unit> Units = [Company, EastChina, Jiangsu, Suzhou];

    /// <summary>VP, top of the sales line.</summary>
    public static readonly Person Vp = new(Guid.Parse("f1b1f359-3339-5e3c-be6a-35e0bcd2a7a8"), "vp@demo", "Vera Wang (VP)", Roles.Vp, Company.Id, null);
    /// <summary>Sales director.</summary>
    public static readonly Person Director = new(Guid.Parse("c3099853-232a-5d8f-88f1-823e24d9f7d8"), "director@demo", "Daniel Zhou (Sales Director)", Roles.SalesDirector, Company.Id, Vp.Id);
    /// <summary>East China region manager.</summary>
    public static readonly Person RegionManager = new(Guid.Parse("e9fa955f-b310-5df9-a132-8c91f341b595"), "manager.east@demo", "Erin Li (East China)", Roles.RegionManager, EastChina.Id, Director.Id);
    /// <summary>Jiangsu province manager.</summary>
    public static readonly Person ProvinceManager = new(Guid.Parse("187b01a3-01ca-53c5-b7c8-c628c097b322"), "manager.jiangsu@demo", "Jun Xu (Jiangsu)", Roles.ProvinceManager, Jiangsu.Id, RegionManager.Id);
    /// <summary>Suzhou city supervisor.</summary>
    public static readonly Person CitySupervisor = new(Guid.Parse("e674a381-aa2f-528e-a5be-49f6a26ece96"), "supervisor.suzhou@demo", "Sara Sun (Suzhou)", Roles.CitySupervisor, Suzhou.Id, ProvinceManager.Id);
    /// <summary>Sales rep in Suzhou (manufacturing).</summary>
    public static readonly Person Rep = new(Guid.Parse("d9530061-0b23-5ef8-92cd-99907c4213e0"), "rep.east@demo", "Ray Chen (Rep)", Roles.Rep, Suzhou.Id, CitySupervisor.Id);
    /// <summary>Finance.</summary>
    public static readonly Person Finance = new(Guid.Parse("cafbc6fd-a2c0-55c0-9efb-1be2a9a3109d"), "finance@demo", "Fiona Gao (Finance)", Roles.Finance, Company.Id, Vp.Id);
    /// <summary>Legal.</summary>
    public static readonly Person Legal = new(Guid.Parse("f5a35df9-46c1-5437-be27-87f10663f38d"), "legal@demo", "Leo He (Legal)", Roles.Legal, Company.Id, Vp.Id);
    /// <summary>Customer-service agent.</summary>
    public static readonly Person ServiceAgent = new(Guid.Parse("11154f34-d3ed-5966-9fdc-9ad7dc527ef2"), "service@demo", "Sam Wu (Service)", Roles.ServiceAgent, Company.Id, Director.Id);
    /// <summary>Analyst.</summary>
    public static readonly Person Analyst = new(Guid.Parse("f114306d-6b98-5df4-b932-baf38062ef6d"), "analyst@demo", "Ann Ma (Analyst)", Roles.Analyst, Company.Id, Director.Id);
    /// <summary>Administrator.</summary>
    public static readonly Person Admin = new(Guid.Parse("ca6489bb-b67a-58c1-81a6-906e7b56a399"), "admin@demo", "Adam Lin (Admin)", Roles.Admin, Company.Id, null);

    /// <summary>Every demo person, managers before their reports.</summary>
    public static readonly IReadOnlyList<Person> People =
        [Vp, Director, RegionManager, ProvinceManager, CitySupervisor, Rep, Finance, Legal, ServiceAgent, Analyst, Admin];

    /// <summary>The demo channel partner (a distributor in Jiangsu) whose API key is printed at start.</summary>
    public static readonly Guid PartnerId = Guid.Parse("d91d5ab8-2aa2-5055-b30c-19ddba3affb8");

    /// <summary>Display name of the demo partner.</summary>
    public const string PartnerName = "Jiangsu Demo Distribution Co.";
}
