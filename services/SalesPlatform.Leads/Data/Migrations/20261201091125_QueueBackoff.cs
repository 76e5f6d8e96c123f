using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueBackoff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_queue_attempt_at",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "queue_attempts",
                table: "leads",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The seeded assignment policy is not rewritten: an organisation's own rules stay; documents without
            // retryMinSeconds/retryMaxSeconds read the defaults (30 s, 1 h).

            migrationBuilder.CreateIndex(
                name: "IX_leads_next_queue_attempt_at",
                table: "leads",
                column: "next_queue_attempt_at",
                filter: "status = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_leads_next_queue_attempt_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "next_queue_attempt_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "queue_attempts",
                table: "leads");

            // The seeded assignment policy is not rewritten: an organisation's own rules stay; documents without
            // retryMinSeconds/retryMaxSeconds read the defaults (30 s, 1 h).
        }
    }
}
