using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.Leads.Data.Migrations
{
    /// <inheritdoc />
    public partial class PurchasingCycleAndCollaborators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "collaborators",
                table: "leads",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<string>(
                name: "purchasing_cycle",
                table: "leads",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_leads_collaborators",
                table: "leads",
                column: "collaborators")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_leads_collaborators",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "collaborators",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "purchasing_cycle",
                table: "leads");
        }
    }
}
