using System.Linq.Expressions;
using Petitions.Core.Regions;

namespace Petitions.Web.Services;

/// <summary>
/// A <see cref="Reach"/> as a database filter on any region column: one OR per jurisdiction, a county an equality (its
/// index serves it), a city or province a prefix match. Nothing when the reach is empty (deny by default).
/// </summary>
public static class RegionFilter
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    public static IQueryable<T> Within<T>(this IQueryable<T> source, Expression<Func<T, string?>> region, Reach reach)
    {
        if (reach.Prefixes.Count == 0)
        {
            return source.Where(_ => false);
        }
        var parameter = region.Parameters[0];
        Expression? any = null;
        foreach (var prefix in reach.Prefixes)
        {
            Expression test = prefix.Length == 6
                ? Expression.Equal(region.Body, Expression.Constant(prefix, typeof(string)))
                : Expression.Call(region.Body, StartsWith, Expression.Constant(prefix));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return source.Where(Expression.Lambda<Func<T, bool>>(any!, parameter));
    }
}
