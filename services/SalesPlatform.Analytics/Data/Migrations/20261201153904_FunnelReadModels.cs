using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesPlatform.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class FunnelReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "funnel_deals",
                columns: table => new
                {
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    new_customer = table.Column<bool>(type: "boolean", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_deals", x => x.opportunity_id);
                });

            migrationBuilder.CreateTable(
                name: "funnel_leads",
                columns: table => new
                {
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_leads", x => x.lead_id);
                });

            migrationBuilder.CreateTable(
                name: "stage_stays",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stage_stays", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_leads_captured_at",
                table: "funnel_leads",
                column: "captured_at");

            migrationBuilder.CreateIndex(
                name: "IX_stage_stays_opportunity_id_entered_at",
                table: "stage_stays",
                columns: new[] { "opportunity_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_stage_stays_owner_id_entered_at",
                table: "stage_stays",
                columns: new[] { "owner_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_stage_stays_stage_entered_at",
                table: "stage_stays",
                columns: new[] { "stage", "entered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_deals");

            migrationBuilder.DropTable(
                name: "funnel_leads");

            migrationBuilder.DropTable(
                name: "stage_stays");
        }
    }
}
