using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Petitions.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Registers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "register_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    ImportedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    PersonNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    IdSealed = table.Column<string>(type: "text", nullable: true),
                    Sex = table.Column<string>(type: "character(1)", fixedLength: true, maxLength: 1, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Region = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    CardHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    CardSealed = table.Column<string>(type: "text", nullable: true),
                    PhoneHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhoneSealed = table.Column<string>(type: "text", nullable: true),
                    MonthlyAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Period = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PaymentKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Approver = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EventDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_register_entries_register_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "register_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_ImportId",
                table: "register_entries",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_IdHash",
                table: "register_entries",
                columns: new[] { "Source", "IdHash" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_Source_PersonNumber",
                table: "register_entries",
                columns: new[] { "Source", "PersonNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_register_imports_ExpiresAt",
                table: "register_imports",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_register_imports_Sha256",
                table: "register_imports",
                column: "Sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "register_entries");

            migrationBuilder.DropTable(
                name: "register_imports");
        }
    }
}
