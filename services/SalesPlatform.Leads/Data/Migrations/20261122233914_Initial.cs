using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    checkpoint = table.Column<int>(type: "integer", nullable: false),
                    imported = table.Column<int>(type: "integer", nullable: false),
                    merged = table.Column<int>(type: "integer", nullable: false),
                    rejected = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.event_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    campaign = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    industry = table.Column<string>(type: "text", nullable: true),
                    company_size = table.Column<string>(type: "text", nullable: true),
                    region = table.Column<string>(type: "text", nullable: true),
                    province = table.Column<string>(type: "text", nullable: true),
                    city = table.Column<string>(type: "text", nullable: true),
                    contact_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contact_title = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    company_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    identity_key = table.Column<string>(type: "character varying(401)", maxLength: 401, nullable: false),
                    budget_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    budget_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    budget_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    expected_start = table.Column<DateOnly>(type: "date", nullable: true),
                    lawful_basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    opt_out = table.Column<bool>(type: "boolean", nullable: false),
                    interactions = table.Column<string>(type: "jsonb", nullable: false),
                    score = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    grade = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    breakdown = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    assignment_reason = table.Column<string>(type: "text", nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    queue_reason = table.Column<string>(type: "text", nullable: true),
                    first_contact_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_contacted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_contact_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_follow_up_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_breach_reported_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opportunity_name = table.Column<string>(type: "text", nullable: true),
                    outcome_reason = table.Column<string>(type: "text", nullable: true),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.sequence);
                });

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

            migrationBuilder.CreateTable(
                name: "suppressions",
                columns: table => new
                {
                    value = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suppressions", x => x.value);
                });

            migrationBuilder.CreateTable(
                name: "import_rows",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    raw = table.Column<string>(type: "jsonb", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_rows", x => new { x.job_id, x.row_number });
                    table.ForeignKey(
                        name: "FK_import_rows_import_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "import_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    performed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    next_step = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    next_step_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    performed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    participants = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_activities", x => x.id);
                    table.ForeignKey(
                        name: "FK_lead_activities_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "policies",
                columns: new[] { "name", "document", "updated_at", "updated_by", "version" },
                values: new object[,]
                {
                    { "assignment", "{\"rules\":[{\"name\":\"partner referrals to channel reps\",\"region\":null,\"province\":null,\"industry\":null,\"source\":null,\"partnerId\":null,\"partnered\":true,\"askRegion\":null,\"askProvince\":null,\"askCity\":null,\"askIndustry\":null,\"askSpecialty\":\"channel\"},{\"name\":\"East China by territory and industry\",\"region\":\"East China\",\"province\":null,\"industry\":null,\"source\":null,\"partnerId\":null,\"partnered\":false,\"askRegion\":null,\"askProvince\":null,\"askCity\":null,\"askIndustry\":null,\"askSpecialty\":null}],\"maxCandidates\":20}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 },
                    { "scoring", "{\"weights\":{\"needFit\":0.35,\"decisionAuthority\":0.25,\"budgetAndTimeline\":0.25,\"interactionHistory\":0.15},\"titleAuthority\":[{\"keyword\":\"cfo\",\"points\":100},{\"keyword\":\"ceo\",\"points\":100},{\"keyword\":\"general manager\",\"points\":90},{\"keyword\":\"procurement director\",\"points\":90},{\"keyword\":\"technical director\",\"points\":85},{\"keyword\":\"cto\",\"points\":85},{\"keyword\":\"procurement manager\",\"points\":80},{\"keyword\":\"director\",\"points\":70},{\"keyword\":\"manager\",\"points\":50},{\"keyword\":\"engineer\",\"points\":30}],\"unknownTitlePoints\":10,\"idealCustomerProfile\":{\"industries\":[\"manufacturing\",\"energy\",\"automotive\"],\"companySizes\":[\"200-999\",\"1000\\u002B\"],\"minBudget\":500000,\"budgetCurrency\":\"CNY\",\"industryPoints\":40,\"sizePoints\":30,\"budgetPoints\":30},\"timeline\":{\"confirmedBudgetPoints\":50,\"nearTermDays\":90,\"nearTermPoints\":50,\"midTermDays\":365,\"midTermPoints\":25},\"interactions\":{\"siteVisit\":5,\"emailOpen\":2,\"form\":10,\"event\":15},\"bands\":[{\"grade\":\"A\",\"minScore\":80},{\"grade\":\"B\",\"minScore\":60},{\"grade\":\"C\",\"minScore\":40},{\"grade\":\"D\",\"minScore\":0}]}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 },
                    { "sla", "{\"grades\":[{\"grade\":\"A\",\"firstContactWithin\":\"02:00:00\",\"followUpEvery\":\"7.00:00:00\"},{\"grade\":\"B\",\"firstContactWithin\":\"1.00:00:00\",\"followUpEvery\":\"30.00:00:00\"},{\"grade\":\"C\",\"firstContactWithin\":\"5.00:00:00\",\"followUpEvery\":\"90.00:00:00\"},{\"grade\":\"D\",\"firstContactWithin\":null,\"followUpEvery\":null}]}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_lead_activities_lead_id_performed_at",
                table: "lead_activities",
                columns: new[] { "lead_id", "performed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_email",
                table: "leads",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "IX_leads_first_contact_due_at",
                table: "leads",
                column: "first_contact_due_at",
                filter: "first_contacted_at IS NULL AND first_contact_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_identity_key",
                table: "leads",
                column: "identity_key");

            migrationBuilder.CreateIndex(
                name: "IX_leads_next_follow_up_due_at",
                table: "leads",
                column: "next_follow_up_due_at",
                filter: "next_follow_up_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_owner_id_id",
                table: "leads",
                columns: new[] { "owner_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_partner_id_id",
                table: "leads",
                columns: new[] { "partner_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_phone",
                table: "leads",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "IX_leads_status_id",
                table: "leads",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_event_id",
                table: "outbox_messages",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL AND dead_lettered_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_rows");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "lead_activities");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "suppressions");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "leads");
        }
    }
}
