using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyDefaultsInCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Defaults now live in code (IPolicy.Default): a seeded row nobody changed goes, so the code's
            // default applies; a policy an admin changed keeps its row, version and history.
            migrationBuilder.Sql("DELETE FROM policies WHERE updated_by = 'seed' AND version = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "policies",
                columns: new[] { "name", "document", "updated_at", "updated_by", "version" },
                values: new object[,]
                {
                    { "assignment", "{\"rules\":[{\"name\":\"partner referrals to channel reps\",\"region\":null,\"province\":null,\"industry\":null,\"source\":null,\"partnerId\":null,\"partnered\":true,\"askRegion\":null,\"askProvince\":null,\"askCity\":null,\"askIndustry\":null,\"askSpecialty\":\"channel\"},{\"name\":\"East China by territory and industry\",\"region\":\"East China\",\"province\":null,\"industry\":null,\"source\":null,\"partnerId\":null,\"partnered\":false,\"askRegion\":null,\"askProvince\":null,\"askCity\":null,\"askIndustry\":null,\"askSpecialty\":null}],\"maxCandidates\":20,\"retryMinSeconds\":30,\"retryMaxSeconds\":3600}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 },
                    { "scoring", "{\"weights\":{\"needFit\":0.35,\"decisionAuthority\":0.25,\"budgetAndTimeline\":0.25,\"interactionHistory\":0.15},\"titleAuthority\":[{\"keyword\":\"cfo\",\"points\":100},{\"keyword\":\"ceo\",\"points\":100},{\"keyword\":\"general manager\",\"points\":90},{\"keyword\":\"procurement director\",\"points\":90},{\"keyword\":\"technical director\",\"points\":85},{\"keyword\":\"cto\",\"points\":85},{\"keyword\":\"procurement manager\",\"points\":80},{\"keyword\":\"director\",\"points\":70},{\"keyword\":\"manager\",\"points\":50},{\"keyword\":\"engineer\",\"points\":30}],\"unknownTitlePoints\":10,\"idealCustomerProfile\":{\"industries\":[\"manufacturing\",\"energy\",\"automotive\"],\"companySizes\":[\"200-999\",\"1000\\u002B\"],\"minBudget\":500000,\"budgetCurrency\":\"CNY\",\"industryPoints\":40,\"sizePoints\":30,\"budgetPoints\":30},\"timeline\":{\"confirmedBudgetPoints\":50,\"nearTermDays\":90,\"nearTermPoints\":50,\"midTermDays\":365,\"midTermPoints\":25},\"interactions\":{\"siteVisit\":5,\"emailOpen\":2,\"form\":10,\"event\":15},\"bands\":[{\"grade\":\"A\",\"minScore\":80},{\"grade\":\"B\",\"minScore\":60},{\"grade\":\"C\",\"minScore\":40},{\"grade\":\"D\",\"minScore\":0}]}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 },
                    { "sla", "{\"grades\":[{\"grade\":\"A\",\"firstContactWithin\":\"02:00:00\",\"followUpEvery\":\"7.00:00:00\"},{\"grade\":\"B\",\"firstContactWithin\":\"1.00:00:00\",\"followUpEvery\":\"30.00:00:00\"},{\"grade\":\"C\",\"firstContactWithin\":\"5.00:00:00\",\"followUpEvery\":\"90.00:00:00\"},{\"grade\":\"D\",\"firstContactWithin\":null,\"followUpEvery\":null}]}", new DateTimeOffset(new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", 1 }
                });
        }
    }
}
