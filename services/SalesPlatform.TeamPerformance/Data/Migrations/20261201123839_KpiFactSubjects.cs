using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.TeamPerformance.Data.Migrations
{
    /// <inheritdoc />
    public partial class KpiFactSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "detail",
                table: "kpi_facts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "subject_id",
                table: "kpi_facts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_kpi_facts_kind_subject_id",
                table: "kpi_facts",
                columns: new[] { "kind", "subject_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_kpi_facts_kind_subject_id",
                table: "kpi_facts");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "kpi_facts");

            migrationBuilder.DropColumn(
                name: "subject_id",
                table: "kpi_facts");
        }
    }
}
