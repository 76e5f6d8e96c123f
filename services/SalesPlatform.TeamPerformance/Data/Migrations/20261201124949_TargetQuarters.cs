using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.TeamPerformance.Data.Migrations
{
    /// <inheritdoc />
    public partial class TargetQuarters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "quarter",
                table: "targets",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "quarter",
                table: "targets");
        }
    }
}
