using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.TeamPerformance.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImprovementPlanContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "actions",
                table: "improvement_plans",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "quadrant",
                table: "improvement_plans",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "circumstances");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_at",
                table: "improvement_plans",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Plans opened before carried no content: reviewed 30 days after opening.
            migrationBuilder.Sql("UPDATE improvement_plans SET review_at = opened_at + interval '30 days';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "actions",
                table: "improvement_plans");

            migrationBuilder.DropColumn(
                name: "quadrant",
                table: "improvement_plans");

            migrationBuilder.DropColumn(
                name: "review_at",
                table: "improvement_plans");
        }
    }
}
