using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The development organisation (华信智造集团: 华东大区 &gt; 江苏 &gt; 苏州 with a supervisor, a manufacturing rep
/// and a channel rep, and a rep in each of the other six regions) that identity and team performance both
/// seed in development, with fixed ids so a token from identity names the same person team performance knows. Every user's password is <see cref="Password"/>. Never seeded
/// outside development.
/// </summary>
public static class DemoOrganization
{
    /// <summary>Password of every demo user.</summary>
    public const string Password = "Demo123!";

    /// <summary>
    /// The fixed id of a demo record in a service's demo data (<paramref name="scope"/> <c>customers</c>, key <c>szjm</c>): every service
    /// that refers to a demo customer or deal computes the same id.
    /// </summary>
    public static Guid DemoId(string scope, string key) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"salesplatform-demo-{scope}:{key}"))[..16]);

    /// <summary>An org unit of the demo company.</summary>
    /// <param name="Id">Unit id.</param>
    /// <param name="Name">Unit name, as the company writes it (华东大区).</param>
    /// <param name="Level">company, region, province or city.</param>
    /// <param name="ParentId">Parent unit, null for the company.</param>
    /// <param name="Place">The place's code in the shared vocabularies (East China, Jiangsu, Suzhou): what territories name.</param>
    public sealed record Unit(Guid Id, string Name, string Level, Guid? ParentId, string? Place = null);

    /// <summary>A demo user and team-performance person.</summary>
    /// <param name="Id">Person id (the <c>sub</c> of their tokens).</param>
    /// <param name="Email">Sign-in name.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">A <see cref="Roles"/> name.</param>
    /// <param name="UnitId">The unit they belong to.</param>
    /// <param name="ManagerId">Their manager, null at the top.</param>
    /// <param name="Specialty">A rep's specialty (<c>new-business</c>, <c>channel</c>).</param>
    /// <param name="Industries">Industries a rep covers (empty: every one).</param>
    public sealed record Person(Guid Id, string Email, string Name, string Role, Guid UnitId, Guid? ManagerId, string? Specialty = null,
        IReadOnlyList<string>? Industries = null);

    /// <summary>The company.</summary>
    public static readonly Unit Company = new(Guid.Parse("0d8591df-3f9e-57ca-99f1-caa62b87c391"), "华信智造集团", "company", null);
    /// <summary>East China region.</summary>
    public static readonly Unit EastChina = new(Guid.Parse("4d156ba4-fe9c-5468-b29d-355ef733c257"), "华东大区", "region", Company.Id, "East China");
    /// <summary>Jiangsu province.</summary>
    public static readonly Unit Jiangsu = new(Guid.Parse("903bc670-fcb6-57b0-a5a8-251672b3913b"), "江苏省区", "province", EastChina.Id, "Jiangsu");
    /// <summary>Suzhou city.</summary>
    public static readonly Unit Suzhou = new(Guid.Parse("10922b35-fa21-5480-bc3f-fcc4dd4295c7"), "苏州办事处", "city", Jiangsu.Id, "Suzhou");

    // One region, province and city office per other sales region, each with a rep.
    private static readonly Unit NorthChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f51"), "华北大区", "region", Company.Id, "North China");
    private static readonly Unit Beijing = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f52"), "北京市区", "province", NorthChina.Id, "Beijing");
    private static readonly Unit BeijingCity = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f53"), "北京办事处", "city", Beijing.Id, "Beijing");
    private static readonly Unit SouthChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f61"), "华南大区", "region", Company.Id, "South China");
    private static readonly Unit Guangdong = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f62"), "广东省区", "province", SouthChina.Id, "Guangdong");
    private static readonly Unit Shenzhen = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f63"), "深圳办事处", "city", Guangdong.Id, "Shenzhen");
    private static readonly Unit CentralChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f71"), "华中大区", "region", Company.Id, "Central China");
    private static readonly Unit Hubei = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f72"), "湖北省区", "province", CentralChina.Id, "Hubei");
    private static readonly Unit Wuhan = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f73"), "武汉办事处", "city", Hubei.Id, "Wuhan");
    private static readonly Unit SouthwestChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f81"), "西南大区", "region", Company.Id, "Southwest China");
    private static readonly Unit Sichuan = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f82"), "四川省区", "province", SouthwestChina.Id, "Sichuan");
    private static readonly Unit Chengdu = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f83"), "成都办事处", "city", Sichuan.Id, "Chengdu");
    private static readonly Unit NorthwestChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f91"), "西北大区", "region", Company.Id, "Northwest China");
    private static readonly Unit Shaanxi = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f92"), "陕西省区", "province", NorthwestChina.Id, "Shaanxi");
    private static readonly Unit Xian = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4f93"), "西安办事处", "city", Shaanxi.Id, "Xi'an");
    private static readonly Unit NortheastChina = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4fa1"), "东北大区", "region", Company.Id, "Northeast China");
    private static readonly Unit Liaoning = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4fa2"), "辽宁省区", "province", NortheastChina.Id, "Liaoning");
    private static readonly Unit Shenyang = new(Guid.Parse("2f6f0a1e-6b8a-4c31-9a0e-1b7c2d3e4fa3"), "沈阳办事处", "city", Liaoning.Id, "Shenyang");

    /// <summary>All units, parents first.</summary>
    public static readonly IReadOnlyList<Unit> Units =
    [
        Company, EastChina, Jiangsu, Suzhou, NorthChina, Beijing, BeijingCity, SouthChina, Guangdong, Shenzhen, CentralChina, Hubei, Wuhan,
        SouthwestChina, Sichuan, Chengdu, NorthwestChina, Shaanxi, Xian, NortheastChina, Liaoning, Shenyang,
    ];

    /// <summary>VP, top of the sales line.</summary>
    public static readonly Person Vp = new(Guid.Parse("f1b1f359-3339-5e3c-be6a-35e0bcd2a7a8"), "vp@demo", "王建国", Roles.Vp, Company.Id, null);
    /// <summary>Sales director.</summary>
    public static readonly Person Director = new(Guid.Parse("c3099853-232a-5d8f-88f1-823e24d9f7d8"), "director@demo", "周大伟", Roles.SalesDirector, Company.Id, Vp.Id);
    /// <summary>East China region manager.</summary>
    public static readonly Person RegionManager = new(Guid.Parse("e9fa955f-b310-5df9-a132-8c91f341b595"), "manager.east@demo", "李娜", Roles.RegionManager, EastChina.Id, Director.Id);
    /// <summary>Jiangsu province manager.</summary>
    public static readonly Person ProvinceManager = new(Guid.Parse("187b01a3-01ca-53c5-b7c8-c628c097b322"), "manager.jiangsu@demo", "徐军", Roles.ProvinceManager, Jiangsu.Id, RegionManager.Id);
    /// <summary>Suzhou city supervisor.</summary>
    public static readonly Person CitySupervisor = new(Guid.Parse("e674a381-aa2f-528e-a5be-49f6a26ece96"), "supervisor.suzhou@demo", "孙莎", Roles.CitySupervisor, Suzhou.Id, ProvinceManager.Id);
    /// <summary>Sales rep in Suzhou (manufacturing): where the demo's East China manufacturing leads go.</summary>
    public static readonly Person Rep = new(Guid.Parse("d9530061-0b23-5ef8-92cd-99907c4213e0"), "rep.east@demo", "陈锐", Roles.Rep, Suzhou.Id, CitySupervisor.Id,
        "new-business", ["manufacturing"]);
    /// <summary>Channel rep of East China: partner referrals go to them.</summary>
    public static readonly Person ChannelRep = new(Guid.Parse("5c1e2d3f-4a5b-4c6d-8e7f-90a1b2c3d4e5"), "channel.east@demo", "郑爽", Roles.Rep, Jiangsu.Id,
        ProvinceManager.Id, "channel", []);
    /// <summary>Finance.</summary>
    public static readonly Person Finance = new(Guid.Parse("cafbc6fd-a2c0-55c0-9efb-1be2a9a3109d"), "finance@demo", "高菲", Roles.Finance, Company.Id, Vp.Id);
    /// <summary>Legal.</summary>
    public static readonly Person Legal = new(Guid.Parse("f5a35df9-46c1-5437-be27-87f10663f38d"), "legal@demo", "何力", Roles.Legal, Company.Id, Vp.Id);
    /// <summary>Customer-service agent.</summary>
    public static readonly Person ServiceAgent = new(Guid.Parse("11154f34-d3ed-5966-9fdc-9ad7dc527ef2"), "service@demo", "吴珊", Roles.ServiceAgent, Company.Id, Director.Id);
    /// <summary>Analyst.</summary>
    public static readonly Person Analyst = new(Guid.Parse("f114306d-6b98-5df4-b932-baf38062ef6d"), "analyst@demo", "马安", Roles.Analyst, Company.Id, Director.Id);
    /// <summary>Administrator.</summary>
    public static readonly Person Admin = new(Guid.Parse("ca6489bb-b67a-58c1-81a6-906e7b56a399"), "admin@demo", "林峰", Roles.Admin, Company.Id, null);

    /// <summary>One rep in each of the other six regions, reporting to the sales director (every industry).</summary>
    public static readonly IReadOnlyList<Person> RegionReps =
    [
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a51"), "rep.north@demo", "张伟", Roles.Rep, BeijingCity.Id, Director.Id, "new-business", []),
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a61"), "rep.south@demo", "黄丽", Roles.Rep, Shenzhen.Id, Director.Id, "new-business", []),
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a71"), "rep.central@demo", "刘洋", Roles.Rep, Wuhan.Id, Director.Id, "new-business", []),
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a81"), "rep.southwest@demo", "杨帆", Roles.Rep, Chengdu.Id, Director.Id, "new-business", []),
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a91"), "rep.northwest@demo", "赵磊", Roles.Rep, Xian.Id, Director.Id, "new-business", []),
        new(Guid.Parse("6a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4aa1"), "rep.northeast@demo", "吴迪", Roles.Rep, Shenyang.Id, Director.Id, "new-business", []),
    ];

    /// <summary>Every demo person, managers before their reports.</summary>
    public static readonly IReadOnlyList<Person> People =
        [Vp, Director, RegionManager, ProvinceManager, CitySupervisor, Rep, ChannelRep, Finance, Legal, ServiceAgent, Analyst, Admin, .. RegionReps];

    /// <summary>The place codes (region, province, city) of <paramref name="unit"/> and its parents, for a territory.</summary>
    public static (string? Region, string? Province, string? City) PlaceOf(Guid unit)
    {
        string? region = null, province = null, city = null;
        for (var u = Units.FirstOrDefault(x => x.Id == unit); u is not null; u = Units.FirstOrDefault(x => x.Id == u.ParentId))
        {
            switch (u.Level)
            {
                case "region": region = u.Place; break;
                case "province": province = u.Place; break;
                case "city": city = u.Place; break;
            }
        }

        return (region, province, city);
    }

    /// <summary>The demo channel partner (a distributor in Jiangsu) whose API key is printed at start.</summary>
    public static readonly Guid PartnerId = Guid.Parse("d91d5ab8-2aa2-5055-b30c-19ddba3affb8");

    /// <summary>Display name of the demo partner.</summary>
    public const string PartnerName = "江苏华信渠道分销有限公司";
}
