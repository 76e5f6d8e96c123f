using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>Names of the authorization policies every service can use.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member (not a partner).</summary>
    public const string Staff = "staff";
    /// <summary>Any manager in the sales line (supervisor up to VP) or an admin.</summary>
    public const string Manager = "manager";
    /// <summary>Staff or partner: any authenticated caller.</summary>
    public const string AnyCaller = "any-caller";
    /// <summary>Administrators only: policy tables and configuration.</summary>
    public const string Admin = Roles.Admin;
    /// <summary>A partner identity.</summary>
    public const string Partner = Roles.Partner;
}
