using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class SegmentsPoolChurnCrossSell : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "churn_raised_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "churn_reasons",
                table: "customers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<int>(
                name: "churn_score",
                table: "customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_deal_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_follow_up_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lock_reason",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "locked",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lost_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lost_competitor",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lost_reason",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "owner_since",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pool_warning_sent_for",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "segment_computed_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "segment_contribution",
                table: "customers",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_contribution_basis",
                table: "customers",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "segment_days_since_purchase",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "segment_frequency",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_lifecycle",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_lifecycle_rule",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "segment_lifetime_value",
                table: "customers",
                type: "numeric(20,2)",
                precision: 20,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "segment_monetary",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "segment_purchases_in_window",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "segment_recency",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_rfm_segment",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "segment_share",
                table: "customers",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "segment_share_above",
                table: "customers",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "segment_value_tier",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "affinity_counts",
                columns: table => new
                {
                    group = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    product_a = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    product_b = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_affinity_counts", x => new { x.group, x.product_a, x.product_b });
                });

            migrationBuilder.CreateTable(
                name: "customer_ownership_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    to_owner = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_ownership_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_holdings",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    product_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    total_quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    last_quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    last_unit_price = table.Column<decimal>(type: "numeric", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    next_tier_min_quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    next_tier_unit_price = table.Column<decimal>(type: "numeric", nullable: true),
                    first_bought_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_bought_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_holdings", x => new { x.customer_id, x.product_code });
                });

            migrationBuilder.CreateTable(
                name: "purchases",
                columns: table => new
                {
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    base_amount = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    cost = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    lines = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purchases", x => x.contract_id);
                });

            migrationBuilder.CreateTable(
                name: "spot_checks",
                columns: table => new
                {
                    quarter = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    touchpoint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    picked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_checks", x => new { x.quarter, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "win_back_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    offer = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_win_back_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customers_segment_lifecycle",
                table: "customers",
                column: "segment_lifecycle");

            migrationBuilder.CreateIndex(
                name: "IX_customers_segment_rfm_segment",
                table: "customers",
                column: "segment_rfm_segment");

            migrationBuilder.CreateIndex(
                name: "IX_customers_segment_value_tier",
                table: "customers",
                column: "segment_value_tier");

            migrationBuilder.CreateIndex(
                name: "ix_customers_at_risk",
                table: "customers",
                column: "churn_score",
                filter: "churn_raised_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_customers_pool",
                table: "customers",
                column: "owner_id",
                filter: "owner_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customer_ownership_changes_customer_id_id",
                table: "customer_ownership_changes",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_customer_ownership_changes_from_owner_customer_id_changed_at",
                table: "customer_ownership_changes",
                columns: new[] { "from_owner", "customer_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_purchases_customer_id_signed_at",
                table: "purchases",
                columns: new[] { "customer_id", "signed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_win_back_tasks_customer_id",
                table: "win_back_tasks",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_win_back_tasks_owner_id_status",
                table: "win_back_tasks",
                columns: new[] { "owner_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "affinity_counts");

            migrationBuilder.DropTable(
                name: "customer_ownership_changes");

            migrationBuilder.DropTable(
                name: "product_holdings");

            migrationBuilder.DropTable(
                name: "purchases");

            migrationBuilder.DropTable(
                name: "spot_checks");

            migrationBuilder.DropTable(
                name: "win_back_tasks");

            migrationBuilder.DropIndex(
                name: "IX_customers_segment_lifecycle",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_segment_rfm_segment",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_segment_value_tier",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_at_risk",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_pool",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "churn_raised_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "churn_reasons",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "churn_score",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "last_deal_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "last_follow_up_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "lock_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "locked",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "lost_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "lost_competitor",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "lost_reason",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "owner_since",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "pool_warning_sent_for",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_computed_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_contribution",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_contribution_basis",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_days_since_purchase",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_frequency",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_lifecycle",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_lifecycle_rule",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_lifetime_value",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_monetary",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_purchases_in_window",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_recency",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_rfm_segment",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_share",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_share_above",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segment_value_tier",
                table: "customers");
        }
    }
}
