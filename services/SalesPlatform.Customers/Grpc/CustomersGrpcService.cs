using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Customers.Data;
using SalesPlatform.Customers.Endpoints;
using SalesPlatform.Protos.Customers;

namespace SalesPlatform.Customers.Grpc;

/// <summary>
/// Internal gRPC API (not routed by the gateway): the credit profile contracts check before a contract is
/// signed. An unknown customer is NOT_FOUND; callers set a deadline and treat UNAVAILABLE as "no decision".
/// </summary>
public sealed class CustomersGrpcService(CustomersDbContext db) : Protos.Customers.Customers.CustomersBase
{
    public override async Task<CreditProfile> GetCreditProfile(GetCreditProfileRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CustomerId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{request.CustomerId}' is not a customer id."));
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Customer '{id}' was not found."));
        var p = await CreditEndpoints.ProfileAsync(db, customer, context.CancellationToken);
        return new CreditProfile
        {
            CustomerId = id.ToString(),
            Payments = p.Payments,
            OnTimePayments = p.OnTimePayments,
            OnTimeRatio = (double)p.OnTimeRatio,
            OverdueCount = p.OverdueCount,
            OpenOverdueCount = p.OpenOverdueCount,
            LongestOverdueDays = p.LongestOverdueDays,
            CreditClass = p.CreditClass,
            Blacklisted = p.Blacklisted,
            BlacklistReason = p.BlacklistReason ?? "",
            BlacklistedBy = p.BlacklistedBy ?? "",
            RiskRating = p.RiskRating,
            RiskRule = p.RiskRule,
        };
    }
}
