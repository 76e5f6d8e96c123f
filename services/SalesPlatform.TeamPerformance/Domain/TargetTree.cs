using SalesPlatform.Domain;

namespace SalesPlatform.TeamPerformance.Domain;

/// <summary>
/// Keeps a decomposed target tree consistent when one target is adjusted: its descendants are re-split by
/// their stored weights (largest remainder on the cent) and its ancestors become the sum of their children,
/// so children always add up exactly to their parent. Every changed row records the old value, reason and who.
/// </summary>
public static class TargetTree
{
    public static IReadOnlyList<Target> Adjust(IReadOnlyCollection<Target> tree, Guid targetId, decimal amount, string reason, string by,
        DateTimeOffset now)
    {
        var byId = tree.ToDictionary(t => t.Id);
        var target = byId.GetValueOrDefault(targetId) ?? throw new NotFoundException("Target", targetId);
        var changed = new List<Target>();
        Set(target, amount, reason);
        Redistribute(target);

        var current = target;
        while (current.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent))
        {
            Set(parent, ChildrenOf(parent).Sum(c => c.Amount), $"child target adjusted: {reason}");
            current = parent;
        }

        return changed;

        void Set(Target t, decimal value, string why)
        {
            if (t.Amount != value)
            {
                t.Adjust(value, why, by, now);
                changed.Add(t);
            }
        }

        void Redistribute(Target parent)
        {
            var children = ChildrenOf(parent);
            if (children.Count == 0)
            {
                return;
            }

            var parts = Decomposition.Split(parent.Amount, [.. children.Select(c => c.Weight)]);
            for (var i = 0; i < children.Count; i++)
            {
                Set(children[i], parts[i], $"parent target adjusted: {reason}");
                Redistribute(children[i]);
            }
        }

        List<Target> ChildrenOf(Target parent) =>
            [.. tree.Where(t => t.ParentId == parent.Id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)];
    }
}
