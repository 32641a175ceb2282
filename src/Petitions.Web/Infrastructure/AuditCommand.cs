using Petitions.Web.Services;

namespace Petitions.Web.Infrastructure;

/// <summary>The command-line audit check: prints the result in both languages; exit code 0 intact, 3 broken.</summary>
public static class AuditCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var (count, broken) = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
        if (broken is { } id)
        {
            Console.WriteLine($"audit chain BROKEN at entry {id} (entries before it verified: {count}) / 审计链在第 {id} 条处断裂（此前 {count} 条校验通过）");
            return 3;
        }
        Console.WriteLine($"audit chain intact: {count} entries verified / 审计链完整：已校验 {count} 条");
        return 0;
    }
}
