using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListTextSearchAndGradeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.Sql(SalesPlatform.ServiceDefaults.TextSearch.CreateFunctionSql);

            migrationBuilder.AddColumn<string[]>(
                name: "search_grams",
                table: "leads",
                type: "text[]",
                nullable: true,
                computedColumnSql: "search_grams(coalesce(company, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(email, ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_leads_owner_id_grade",
                table: "leads",
                columns: new[] { "owner_id", "grade" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_company_trgm",
                table: "leads",
                column: "company")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_contact_name_trgm",
                table: "leads",
                column: "contact_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_email_trgm",
                table: "leads",
                column: "email")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_queue_grade",
                table: "leads",
                column: "grade",
                filter: "owner_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_search_grams",
                table: "leads",
                column: "search_grams")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_leads_owner_id_grade",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_company_trgm",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_contact_name_trgm",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_email_trgm",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_queue_grade",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_search_grams",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "search_grams",
                table: "leads");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS search_grams(text);");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
