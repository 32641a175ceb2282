using Microsoft.EntityFrameworkCore;
using Petitions.Data;

namespace Petitions.Testing;

/// <summary>Register rows written straight to the database, for tests that need a few without importing a file.</summary>
public static class TestRegisters
{
    /// <summary>One regular payment of a ledger (its rows have a table of their own, written by COPY, never by the change tracker).</summary>
    public static Task<int> PaymentAsync(AppDbContext db, Guid importId, string person, DateOnly period, decimal amount) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO register_payments ("ImportId", "Line", "PersonNumber", "Period", "Amount", "PaymentKind", "PaidOn")
            VALUES ({importId}, 2, {person}, {period}, {amount}, 'Regular', {period.AddDays(14)})
            """);
}
