using System.Linq.Expressions;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Joins query conditions into one that EF Core translates to SQL (one parameter, no <c>Invoke</c>):
/// data scopes, coverage areas and filters are built from parts and applied in the database.
/// </summary>
public static class Predicates
{
    /// <summary>Both conditions.</summary>
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    /// <summary>Either condition.</summary>
    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    /// <summary>
    /// <paramref name="body"/> with <paramref name="selector"/>'s body put in place of <paramref name="body"/>'s
    /// parameter: <c>Select(o =&gt; o.OwnerId, id =&gt; id == me)</c> is <c>o =&gt; o.OwnerId == me</c>.
    /// </summary>
    public static Expression<Func<T, bool>> On<T, TValue>(Expression<Func<T, TValue>> selector, Expression<Func<TValue, bool>> body) =>
        Expression.Lambda<Func<T, bool>>(new Rebind(body.Parameters[0], selector.Body).Visit(body.Body), selector.Parameters[0]);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var body = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(join(a.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
