using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportFailedAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "failed_attempts",
                table: "import_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_attempts",
                table: "import_jobs");
        }
    }
}
