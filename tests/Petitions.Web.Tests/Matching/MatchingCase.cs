using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Matching;
using Petitions.Core.Reports;
using Petitions.Data;
using Petitions.Testing;

namespace Petitions.Web.Tests.Matching;

public static class MatchingCase
{
    /// <summary>One dead pensioner of 衡南县 paid after death, run through the real matching: one case.</summary>
    public static async Task<Guid> OneAsync(PetitionsFactory factory)
    {
        await factory.QueryAsync(async db =>
        {
            var import = new RegisterImport { Id = Guid.NewGuid(), FileName = "x.csv", Sha256 = [1], Source = RegisterSource.PensionRoll };
            db.RegisterImports.Add(import);
            byte[] id = [7, 7, 7];
            db.RegisterEntries.AddRange(
                new RegisterEntry { ImportId = import.Id, Source = RegisterSource.PensionRoll, PersonNumber = "P1", Name = "王德顺", IdHash = id, Region = "430422" },
                new RegisterEntry { ImportId = import.Id, Source = RegisterSource.Cremation, IdHash = id, EventDate = new DateOnly(2019, 1, 1) });
            var saved = await db.SaveChangesAsync();
            return saved + await TestRegisters.PaymentAsync(db, import.Id, "P1", new DateOnly(2020, 1, 1), 100);
        });
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UseCases.Matching.MatchingRun>().RunAsync(CancellationToken.None);
        }
        return await factory.QueryAsync(db => db.Reports.Where(r => r.Source == ReportSource.DataMatching).Select(r => r.Id).SingleAsync());
    }
}
