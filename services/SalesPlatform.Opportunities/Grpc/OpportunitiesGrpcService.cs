using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Opportunities.Data;
using SalesPlatform.Protos.Opportunities;
using Status = global::Grpc.Core.Status;
using StatusCode = global::Grpc.Core.StatusCode;
using RpcException = global::Grpc.Core.RpcException;
using ServerCallContext = global::Grpc.Core.ServerCallContext;

namespace SalesPlatform.Opportunities.Grpc;

/// <summary>
/// <c>opportunities.proto</c> for contracts: an opportunity and its accepted quote with the lines, money as exact decimal text. On the cluster
/// network only (not routed by the gateway), like the other services' gRPC.
/// </summary>
public sealed class OpportunitiesGrpcService(OpportunitiesDbContext db) : global::SalesPlatform.Protos.Opportunities.Opportunities.OpportunitiesBase
{
    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static Guid ParseId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{value}' is not an opportunity id."));

    public override async Task<Opportunity> GetOpportunity(GetOpportunityRequest request, ServerCallContext context)
    {
        var id = ParseId(request.OpportunityId);
        var o = await db.Opportunities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Opportunity '{id}' was not found."));
        return new Opportunity
        {
            OpportunityId = o.Id.ToString(), Name = o.Name, CustomerId = o.CustomerId?.ToString() ?? "", CustomerName = o.CustomerName ?? "",
            OwnerId = o.OwnerId.ToString(), PartnerId = o.PartnerId?.ToString() ?? "", Stage = o.Stage, Amount = D(o.Amount), Currency = o.Currency,
            WinProbability = (double)o.Probability, ExpectedCloseDate = o.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            AcceptedQuoteId = o.AcceptedQuoteId?.ToString() ?? "",
        };
    }

    public override async Task<AcceptedQuote> GetAcceptedQuote(GetAcceptedQuoteRequest request, ServerCallContext context)
    {
        var id = ParseId(request.OpportunityId);
        var q = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(x => x.OpportunityId == id && x.Status == Domain.QuoteStatus.Accepted, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Opportunity '{id}' has no accepted quote."));
        var reply = new AcceptedQuote
        {
            QuoteId = q.Id.ToString(), OpportunityId = id.ToString(), Version = q.Version, Currency = q.Currency, Total = D(q.Total), Cost = D(q.Cost),
            Margin = q.Margin is { } m ? D(m) : "", Discount = D(q.Discount), ValidUntil = q.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AcceptedAt = q.AcceptedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", PriceAdjustmentClause = q.PriceAdjustmentClause ?? "",
            PenaltyClause = q.PenaltyClause ?? "",
        };
        reply.Lines.AddRange(q.Lines.Select(l => new QuoteLine
        {
            ProductCode = l.ProductCode, ProductName = l.ProductName, Kind = l.Kind, Quantity = D(l.Quantity), ListPrice = D(l.ListPrice), UnitPrice = D(l.UnitPrice),
            Discount = D(l.Discount), UnitCost = D(l.UnitCost), Total = D(l.Total), Currency = q.Currency,
        }));
        return reply;
    }
}
