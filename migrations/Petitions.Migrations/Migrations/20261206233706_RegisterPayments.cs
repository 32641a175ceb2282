using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <summary>
    /// The payment ledger moves to a table of its own, narrow and without a key or an index: among the other registers'
    /// rows it paid for a wide row, a primary key and four partial indexes' conditions on each of a province's 24 million
    /// payments (a COPY of 3 million took 8.6 s there, 3.5 s here), and every rule scanned the other registers with it.
    /// </summary>
    public partial class RegisterPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "register_payments",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    PersonNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PaymentKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Approver = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                });
            migrationBuilder.Sql("""
                INSERT INTO register_payments ("ImportId", "Line", "PersonNumber", "CardHash", "Period", "Amount", "PaymentKind", "PaidOn", "Approver")
                    SELECT "ImportId", "Line", "PersonNumber", "CardHash", "Period", "Amount", "PaymentKind", "PaidOn", "Approver"
                    FROM register_entries WHERE "Source" = 'PaymentLedger';
                DELETE FROM register_entries WHERE "Source" = 'PaymentLedger';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO register_entries ("ImportId", "Source", "Line", "PersonNumber", "CardHash", "Period", "Amount", "PaymentKind", "PaidOn", "Approver")
                    SELECT "ImportId", 'PaymentLedger', "Line", "PersonNumber", "CardHash", "Period", "Amount", "PaymentKind", "PaidOn", "Approver"
                    FROM register_payments;
                """);
            migrationBuilder.DropTable(
                name: "register_payments");
        }
    }
}
