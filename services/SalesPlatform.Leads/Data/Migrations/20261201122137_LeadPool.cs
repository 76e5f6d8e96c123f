using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeadPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_worked_at",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pool_warning_sent_for",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lead_ownership_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    to_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_ownership_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_leads_last_worked_at",
                table: "leads",
                column: "last_worked_at",
                filter: "owner_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_lead_ownership_changes_from_owner_lead_id_changed_at",
                table: "lead_ownership_changes",
                columns: new[] { "from_owner", "lead_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_ownership_changes_lead_id_id",
                table: "lead_ownership_changes",
                columns: new[] { "lead_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_lead_ownership_changes_to_owner_kind_changed_at",
                table: "lead_ownership_changes",
                columns: new[] { "to_owner", "kind", "changed_at" });

            // An owned lead was last worked when assigned or at its latest activity; its history starts with that assignment.
            migrationBuilder.Sql("""
                UPDATE leads l SET last_worked_at = GREATEST(l.assigned_at,
                    (SELECT max(a.performed_at) FROM lead_activities a WHERE a.lead_id = l.id))
                WHERE l.owner_id IS NOT NULL;
                INSERT INTO lead_ownership_changes (lead_id, from_owner, to_owner, kind, reason, changed_by, changed_at)
                SELECT id, NULL, owner_id, 'assigned', assignment_reason, 'migration', coalesce(assigned_at, captured_at)
                FROM leads WHERE owner_id IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lead_ownership_changes");

            migrationBuilder.DropIndex(
                name: "IX_leads_last_worked_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "last_worked_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "pool_warning_sent_for",
                table: "leads");
        }
    }
}
