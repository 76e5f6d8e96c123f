using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.TeamPerformance.Data.Migrations
{
    /// <inheritdoc />
    public partial class PoliciesInTheSharedStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Policies move to the shared store: one JSON document per policy. What the old tables held is
            // carried over (a value the admins changed stays changed), then the old tables go.
            migrationBuilder.RenameTable(name: "policies", newName: "policy_values_retired");
            migrationBuilder.Sql("ALTER TABLE policy_values_retired RENAME CONSTRAINT \"PK_policies\" TO \"PK_policy_values_retired\";");

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => x.name);
                });

            migrationBuilder.Sql("""
                INSERT INTO policies (name, document, version, updated_at, updated_by)
                SELECT 'improvement-plan',
                       jsonb_build_object(
                           'consecutivePeriods', COALESCE((SELECT value FROM policy_values_retired WHERE key = 'improvement-plan.consecutive-periods'), 2)::int,
                           'attainmentThreshold', COALESCE((SELECT value FROM policy_values_retired WHERE key = 'improvement-plan.attainment-threshold'), 0.80)),
                       1, now(), 'migration'
                WHERE EXISTS (SELECT 1 FROM policy_values_retired WHERE key LIKE 'improvement-plan.%');

                INSERT INTO policies (name, document, version, updated_at, updated_by)
                SELECT 'assignee-search', jsonb_build_object('defaultResults', value::int, 'maxResults', 100), 1, now(), 'migration'
                FROM policy_values_retired WHERE key = 'assignment.default-max-results';

                INSERT INTO policies (name, document, version, updated_at, updated_by)
                SELECT 'leaderboard', jsonb_build_object('cacheSeconds', value::int), 1, now(), 'migration'
                FROM policy_values_retired WHERE key = 'leaderboard.ttl-seconds';

                INSERT INTO policies (name, document, version, updated_at, updated_by)
                SELECT 'commission', jsonb_build_object('plans', jsonb_agg(jsonb_build_object(
                           'id', p.id, 'name', p.name, 'isDefault', p.is_default, 'acceleratorRate', p.accelerator_rate,
                           'tiers', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                        'fromAttainment', COALESCE(t->>'FromAttainment', t->>'from_attainment')::numeric,
                                        'rate', COALESCE(t->>'Rate', t->>'rate')::numeric)), '[]'::jsonb)
                                     FROM jsonb_array_elements(COALESCE(p.tiers, '[]'::jsonb)) t)))),
                       1, now(), 'migration'
                FROM commission_plans p HAVING count(*) > 0;

                INSERT INTO policies (name, document, version, updated_at, updated_by)
                SELECT 'rebates', jsonb_build_object('schedules', jsonb_agg(jsonb_build_object(
                           'tier', r.tier,
                           'brackets', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                                           'fromVolume', COALESCE(b->>'FromVolume', b->>'from_volume')::numeric,
                                           'rate', COALESCE(b->>'Rate', b->>'rate')::numeric)), '[]'::jsonb)
                                        FROM jsonb_array_elements(COALESCE(r.brackets, '[]'::jsonb)) b)))),
                       1, now(), 'migration'
                FROM rebate_schedules r HAVING count(*) > 0;
                """);

            migrationBuilder.DropTable(name: "commission_plans");
            migrationBuilder.DropTable(name: "rebate_schedules");
            migrationBuilder.DropTable(name: "policy_values_retired");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The old tables come back empty: the seeder of that version refills their defaults.
            migrationBuilder.DropTable(name: "policies");

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "commission_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    accelerator_rate = table.Column<decimal>(type: "numeric(7,6)", precision: 7, scale: 6, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tiers = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commission_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rebate_schedules",
                columns: table => new
                {
                    tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    brackets = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rebate_schedules", x => x.tier);
                });
        }
    }
}
