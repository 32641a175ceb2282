using Petitions.Web.Services;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// The command-line audit check: the hash chain, then the checkpoints kept outside the database (the configured file,
/// or the lines of a log export given with <c>--checkpoints FILE</c>). Prints in both languages; exit code 0 intact,
/// 3 the chain is broken, 4 the chain is consistent but disagrees with a checkpoint (rewritten, cut back, or a forged line).
/// </summary>
public static class AuditCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string? checkpointLines = null)
    {
        using var scope = services.CreateScope();
        var (count, broken) = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
        if (broken is { } id)
        {
            Console.WriteLine($"audit chain BROKEN at entry {id} (entries before it verified: {count}) / 审计链在第 {id} 条处断裂（此前 {count} 条校验通过）");
            return 3;
        }
        Console.WriteLine($"audit chain intact: {count} entries verified / 审计链完整：已校验 {count} 条");
        var lines = checkpointLines is null ? null : await File.ReadAllLinesAsync(checkpointLines);
        var (matching, problems) = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().VerifyAsync(lines, CancellationToken.None);
        foreach (var p in problems)
        {
            Console.WriteLine(p.Kind switch
            {
                CheckpointProblemKind.Rewritten => $"audit log REWRITTEN: entry {p.Id} no longer matches the checkpoint of {p.At:u} (line {p.Line}) / 审计日志被改写：第 {p.Id} 条与 {p.At:u} 的检查点（第 {p.Line} 行）不一致",
                CheckpointProblemKind.Missing => $"audit log CUT BACK: entry {p.Id} of the checkpoint of {p.At:u} (line {p.Line}) is gone / 审计日志被截短：{p.At:u} 检查点（第 {p.Line} 行）所指的第 {p.Id} 条已不存在",
                _ => $"checkpoint line {p.Line} is FORGED (not this site's key) / 检查点第 {p.Line} 行是伪造的（非本站密钥）",
            });
        }
        if (problems.Count > 0)
        {
            return 4;
        }
        Console.WriteLine($"checkpoints outside the database: {matching} agree / 数据库之外的检查点：{matching} 个一致");
        return 0;
    }
}
