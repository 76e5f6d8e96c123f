using System.Text;

namespace SalesPlatform.Domain;

/// <summary>One word of a closed list: its code, its zh-CN and en-US labels, synonyms people type, and its parent (a city's province).</summary>
public sealed record Term(string Code, string ZhCn, string EnUs, IReadOnlyList<string> Synonyms, string? Parent = null);

/// <summary>
/// A closed word list (industries, company sizes, regions, provinces, cities, sources ...) with codes,
/// zh-CN and en-US labels and synonyms: 制造业, "Manufacturing" and "manufacturing industry" all resolve
/// to <c>manufacturing</c>. Matching ignores case, width (full-width letters), spaces, hyphens and
/// underscores. Forms read it at <c>GET /api/&lt;service&gt;/vocabularies/&lt;name&gt;</c>.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, Term> byKey = new(StringComparer.Ordinal);

    /// <summary>Creates the list; two terms claiming one spelling is a programming error.</summary>
    public Vocabulary(string name, IEnumerable<Term> terms)
    {
        Name = name;
        Terms = [.. terms];
        phrases = new Lazy<List<(string Key, string Words, bool Chinese, Term Term)>>(Phrases);
        foreach (var term in Terms)
        {
            foreach (var spelling in new[] { term.Code, term.ZhCn, term.EnUs }.Concat(term.Synonyms))
            {
                var key = Key(spelling);
                if (byKey.TryGetValue(key, out var other) && other.Code != term.Code)
                {
                    throw new ArgumentException($"Vocabulary {name}: '{spelling}' names both {other.Code} and {term.Code}.");
                }

                byKey[key] = term;
            }
        }
    }

    /// <summary>The list's name in the API (<c>industries</c>).</summary>
    public string Name { get; }

    /// <summary>Every term, in display order.</summary>
    public IReadOnlyList<Term> Terms { get; }

    /// <summary>Every code.</summary>
    public IEnumerable<string> Codes => Terms.Select(t => t.Code);

    /// <summary>The term <paramref name="text"/> names (code, label or synonym), or null.</summary>
    public Term? Resolve(string? text) => string.IsNullOrWhiteSpace(text) ? null : byKey.GetValueOrDefault(Key(text));

    /// <summary>
    /// The term free text names, as people write it in a longer phrase: the exact spelling first, else the
    /// longest spelling the text contains, as whole words in Latin script ("Senior Procurement Manager,
    /// APAC" is a procurement manager; "Director" never matches "cto") and as characters in Chinese, which
    /// is written without spaces (华东区采购经理 contains 采购经理). Null when none does.
    /// </summary>
    public Term? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Resolve(text) is { } exact)
        {
            return exact;
        }

        var words = " " + Words(text) + " ";
        var compact = Key(text);
        return phrases.Value.FirstOrDefault(p => p.Chinese ? compact.Contains(p.Key, StringComparison.Ordinal)
            : words.Contains(" " + p.Words + " ", StringComparison.Ordinal)).Term;
    }

    // Every spelling as whole words and as a key, longest first (the most specific phrase wins).
    private readonly Lazy<List<(string Key, string Words, bool Chinese, Term Term)>> phrases;

    private List<(string Key, string Words, bool Chinese, Term Term)> Phrases() =>
        [.. Terms.SelectMany(t => new[] { t.Code, t.ZhCn, t.EnUs }.Concat(t.Synonyms).Distinct().Select(spelling =>
                (Key: Key(spelling), Words: Words(spelling), Chinese: spelling.Any(c => c is >= '\u3400' and <= '\u9FFF'), Term: t)))
            .Where(p => p.Key.Length > 0)
            .OrderByDescending(p => p.Key.Length)];

    // Lower case, full width folded, every run of non-letters and non-digits one space.
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var typed in text)
        {
            var c = typed is >= '\uFF01' and <= '\uFF5E' ? (char)(typed - 0xFEE0) : typed;
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>"a (甲), b (乙)" for error messages.</summary>
    public string Describe() => string.Join(", ", Terms.Select(t => $"{t.Code} ({t.ZhCn})"));

    private static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var typed in text)
        {
            // Full-width forms (ＡＢＣ, －) as typed with a Chinese input method; by hand, because with
            // invariant globalization string.Normalize leaves them as they are.
            var c = typed is >= '\uFF01' and <= '\uFF5E' ? (char)(typed - 0xFEE0) : typed;
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '·'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}

/// <summary>The word lists every service shares; services add their own (sources, reasons) the same way.</summary>
public static class Vocabularies
{
    private static Term T(string code, string zh, string en, params string[] synonyms) => new(code, zh, en, synonyms);

    /// <summary>Where leads (and the deals they become) come from.</summary>
    public static readonly Vocabulary LeadSources = new("lead-sources",
    [
        T("web-form", "网站表单", "Web form", "官网表单", "在线表单", "website"),
        T("email-campaign", "邮件营销", "E-mail campaign", "邮件活动", "EDM"),
        T("ads", "广告投放", "Online ads", "SEO", "SEM", "社交广告", "social ads", "advertising"),
        T("content", "内容下载", "Content download", "白皮书下载", "whitepaper"),
        T("partner-referral", "渠道推荐", "Partner referral", "合作伙伴推荐", "代理商推荐", "经销商推荐"),
        T("trade-show", "展会", "Trade show", "展会名片", "会议", "conference"),
        T("purchased-list", "购买名单", "Purchased list", "名单采购", "租用名单", "rented list"),
    ]);

    /// <summary>Industries (codes lower-case English).</summary>
    public static readonly Vocabulary Industries = new("industries",
    [
        T("manufacturing", "制造业", "Manufacturing", "制造", "工业制造", "manufacturing industry", "industrial"),
        T("automotive", "汽车", "Automotive", "汽车制造", "汽车行业", "auto"),
        T("energy", "能源", "Energy", "电力", "新能源", "能源电力", "utilities"),
        T("chemicals", "化工", "Chemicals", "化学", "化工行业", "chemical"),
        T("it", "信息技术", "Information technology", "IT", "软件", "互联网", "software", "internet", "technology"),
        T("telecom", "通信", "Telecommunications", "电信", "运营商", "telecommunication"),
        T("finance", "金融", "Financial services", "银行", "保险", "证券", "banking", "insurance", "financial"),
        T("retail", "零售", "Retail", "商超", "连锁零售", "消费品", "consumer goods"),
        T("healthcare", "医疗", "Healthcare", "医疗健康", "医药", "医院", "pharmaceutical", "medical"),
        T("education", "教育", "Education", "学校", "培训", "school"),
        T("logistics", "物流", "Logistics", "运输", "仓储", "交通运输", "transportation"),
        T("construction", "建筑", "Construction", "建筑工程", "基建", "工程"),
        T("real-estate", "房地产", "Real estate", "地产", "物业", "property"),
        T("government", "政府", "Government", "政府机构", "公共事业", "public sector"),
        T("agriculture", "农业", "Agriculture", "农林牧渔", "farming"),
        T("media", "传媒", "Media", "文化传媒", "广告", "advertising"),
    ]);

    /// <summary>Company sizes by head count.</summary>
    public static readonly Vocabulary CompanySizes = new("company-sizes",
    [
        T("1-49", "1-49人", "1-49 employees", "50人以下", "小型", "small"),
        T("50-199", "50-199人", "50-199 employees", "中小型"),
        T("200-999", "200-999人", "200-999 employees", "中型", "medium"),
        T("1000+", "1000人以上", "1,000+ employees", "1000人及以上", "大型", "large", "enterprise"),
    ]);

    /// <summary>
    /// Job titles of the people a sale goes through, with the spellings Chinese and English business cards
    /// use. A title in a longer phrase resolves with <see cref="Vocabulary.Find"/>.
    /// </summary>
    public static readonly Vocabulary Titles = new("titles",
    [
        T("ceo", "首席执行官", "Chief Executive Officer", "CEO", "总裁", "执行总裁", "President"),
        T("chairman", "董事长", "Chairman", "Chairwoman", "Chair of the Board"),
        T("owner", "老板", "Owner", "创始人", "Founder", "Co-founder", "企业主", "Proprietor"),
        T("general-manager", "总经理", "General Manager", "GM", "Managing Director"),
        T("vp", "副总裁", "Vice President", "VP", "副总经理", "Deputy General Manager", "SVP", "EVP"),
        T("vp-procurement", "采购副总裁", "VP Procurement", "VP of Procurement", "Vice President of Procurement", "VP Purchasing",
            "Vice President Procurement", "分管采购副总", "采购副总"),
        T("cfo", "首席财务官", "Chief Financial Officer", "CFO"),
        T("cto", "首席技术官", "Chief Technology Officer", "CTO", "Chief Technical Officer"),
        T("cio", "首席信息官", "Chief Information Officer", "CIO"),
        T("coo", "首席运营官", "Chief Operating Officer", "COO", "运营总监"),
        T("procurement-director", "采购总监", "Procurement Director", "Director of Procurement", "Purchasing Director",
            "Director of Purchasing", "Head of Procurement", "Head of Purchasing", "采购部长", "采购部总监"),
        T("finance-director", "财务总监", "Finance Director", "Financial Director", "Director of Finance", "Head of Finance",
            "Financial Controller", "财务部长"),
        T("technical-director", "技术总监", "Technical Director", "Technology Director", "Director of Engineering",
            "Head of Engineering", "Engineering Director", "研发总监", "总工程师", "Chief Engineer"),
        T("it-director", "信息化总监", "IT Director", "Director of IT", "Head of IT", "IT总监", "信息部长"),
        T("director", "总监", "Director", "部长", "Head"),
        T("procurement-manager", "采购经理", "Procurement Manager", "Purchasing Manager", "采购主管", "采购部经理", "Procurement Lead",
            "Sourcing Manager"),
        T("it-manager", "信息化经理", "IT Manager", "IT经理", "信息部经理"),
        T("project-manager", "项目经理", "Project Manager"),
        T("manager", "经理", "Manager", "主管", "Supervisor"),
        T("buyer", "采购员", "Buyer", "Purchasing Agent", "Procurement Specialist", "采购专员", "Purchaser"),
        T("engineer", "工程师", "Engineer", "技术员", "Technician"),
    ]);

    /// <summary>The seven sales regions of mainland China (codes are the English names team performance's territories use).</summary>
    public static readonly Vocabulary Regions = new("regions",
    [
        T("East China", "华东", "East China", "华东区", "华东地区", "east"),
        T("North China", "华北", "North China", "华北区", "华北地区", "north"),
        T("South China", "华南", "South China", "华南区", "华南地区", "south"),
        T("Central China", "华中", "Central China", "华中区", "华中地区", "central"),
        T("Southwest China", "西南", "Southwest China", "西南区", "西南地区", "southwest"),
        T("Northwest China", "西北", "Northwest China", "西北区", "西北地区", "northwest"),
        T("Northeast China", "东北", "Northeast China", "东北区", "东北地区", "northeast"),
    ]);

    private static Term P(string code, string zh, string region, string full) => new(code, zh, code, [full], region);

    /// <summary>Provinces, municipalities and autonomous regions, each under its sales region.</summary>
    public static readonly Vocabulary Provinces = new("provinces",
    [
        P("Shanghai", "上海", "East China", "上海市"), P("Jiangsu", "江苏", "East China", "江苏省"), P("Zhejiang", "浙江", "East China", "浙江省"),
        P("Anhui", "安徽", "East China", "安徽省"), P("Fujian", "福建", "East China", "福建省"), P("Jiangxi", "江西", "East China", "江西省"),
        P("Shandong", "山东", "East China", "山东省"),
        P("Beijing", "北京", "North China", "北京市"), P("Tianjin", "天津", "North China", "天津市"), P("Hebei", "河北", "North China", "河北省"),
        P("Shanxi", "山西", "North China", "山西省"), P("Inner Mongolia", "内蒙古", "North China", "内蒙古自治区"),
        P("Guangdong", "广东", "South China", "广东省"), P("Guangxi", "广西", "South China", "广西壮族自治区"), P("Hainan", "海南", "South China", "海南省"),
        P("Henan", "河南", "Central China", "河南省"), P("Hubei", "湖北", "Central China", "湖北省"), P("Hunan", "湖南", "Central China", "湖南省"),
        P("Chongqing", "重庆", "Southwest China", "重庆市"), P("Sichuan", "四川", "Southwest China", "四川省"), P("Guizhou", "贵州", "Southwest China", "贵州省"),
        P("Yunnan", "云南", "Southwest China", "云南省"), P("Tibet", "西藏", "Southwest China", "西藏自治区"),
        P("Shaanxi", "陕西", "Northwest China", "陕西省"), P("Gansu", "甘肃", "Northwest China", "甘肃省"), P("Qinghai", "青海", "Northwest China", "青海省"),
        P("Ningxia", "宁夏", "Northwest China", "宁夏回族自治区"), P("Xinjiang", "新疆", "Northwest China", "新疆维吾尔自治区"),
        P("Liaoning", "辽宁", "Northeast China", "辽宁省"), P("Jilin", "吉林", "Northeast China", "吉林省"), P("Heilongjiang", "黑龙江", "Northeast China", "黑龙江省"),
    ]);

    private static Term C(string code, string zh, string province) => new(code, zh, code, [zh + "市"], province);

    /// <summary>Major cities, each under its province (a municipality is its own city).</summary>
    public static readonly Vocabulary Cities = new("cities",
    [
        C("Shanghai", "上海", "Shanghai"), C("Suzhou", "苏州", "Jiangsu"), C("Nanjing", "南京", "Jiangsu"), C("Wuxi", "无锡", "Jiangsu"),
        C("Changzhou", "常州", "Jiangsu"), C("Nantong", "南通", "Jiangsu"), C("Hangzhou", "杭州", "Zhejiang"), C("Ningbo", "宁波", "Zhejiang"),
        C("Wenzhou", "温州", "Zhejiang"), C("Hefei", "合肥", "Anhui"), C("Fuzhou", "福州", "Fujian"), C("Xiamen", "厦门", "Fujian"),
        C("Nanchang", "南昌", "Jiangxi"), C("Jinan", "济南", "Shandong"), C("Qingdao", "青岛", "Shandong"),
        C("Beijing", "北京", "Beijing"), C("Tianjin", "天津", "Tianjin"), C("Shijiazhuang", "石家庄", "Hebei"), C("Taiyuan", "太原", "Shanxi"),
        C("Hohhot", "呼和浩特", "Inner Mongolia"), C("Guangzhou", "广州", "Guangdong"), C("Shenzhen", "深圳", "Guangdong"),
        C("Dongguan", "东莞", "Guangdong"), C("Foshan", "佛山", "Guangdong"), C("Nanning", "南宁", "Guangxi"), C("Haikou", "海口", "Hainan"),
        C("Zhengzhou", "郑州", "Henan"), C("Wuhan", "武汉", "Hubei"), C("Changsha", "长沙", "Hunan"), C("Chongqing", "重庆", "Chongqing"),
        C("Chengdu", "成都", "Sichuan"), C("Guiyang", "贵阳", "Guizhou"), C("Kunming", "昆明", "Yunnan"), C("Lhasa", "拉萨", "Tibet"),
        C("Xi'an", "西安", "Shaanxi"), C("Lanzhou", "兰州", "Gansu"), C("Xining", "西宁", "Qinghai"), C("Yinchuan", "银川", "Ningxia"),
        C("Urumqi", "乌鲁木齐", "Xinjiang"), C("Shenyang", "沈阳", "Liaoning"), C("Dalian", "大连", "Liaoning"), C("Changchun", "长春", "Jilin"),
        C("Harbin", "哈尔滨", "Heilongjiang"),
    ]);

    /// <summary>A place as typed (any of region, province, city in Chinese or English), completed upwards:
    /// a city gives its province and region, a province its region. Unknown names are kept as typed.</summary>
    public static (string? Region, string? Province, string? City) ResolvePlace(string? region, string? province, string? city)
    {
        var cityTerm = Cities.Resolve(city);
        var provinceTerm = Provinces.Resolve(province) ?? (cityTerm is not null ? Provinces.Resolve(cityTerm.Parent) : null);
        var regionTerm = Regions.Resolve(region) ?? (provinceTerm is not null ? Regions.Resolve(provinceTerm.Parent) : null);
        return (regionTerm?.Code ?? Blank(region), provinceTerm?.Code ?? Blank(province), cityTerm?.Code ?? Blank(city));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
