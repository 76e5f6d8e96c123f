using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class CreditProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "blacklist_reason",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "blacklisted",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "blacklisted_by",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payment_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    days_late = table.Column<int>(type: "integer", nullable: false),
                    was_overdue = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payment_records_contract_id_due_at",
                table: "payment_records",
                columns: new[] { "contract_id", "due_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_records_customer_id",
                table: "payment_records",
                column: "customer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_records");

            migrationBuilder.DropColumn(
                name: "blacklist_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "blacklisted",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "blacklisted_by",
                table: "customers");
        }
    }
}
