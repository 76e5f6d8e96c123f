using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesPlatform.TeamPerformance.Data.Migrations
{
    /// <inheritdoc />
    public partial class SnakeCaseColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_person_territories_people_PersonId",
                table: "person_territories");

            migrationBuilder.DropForeignKey(
                name: "FK_target_adjustments_targets_TargetId",
                table: "target_adjustments");

            migrationBuilder.RenameColumn(
                name: "Path",
                table: "units",
                newName: "path");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "units",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Level",
                table: "units",
                newName: "level");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "units",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "ParentId",
                table: "units",
                newName: "parent_id");

            migrationBuilder.RenameColumn(
                name: "NamePath",
                table: "units",
                newName: "name_path");

            migrationBuilder.RenameIndex(
                name: "IX_units_Path",
                table: "units",
                newName: "IX_units_path");

            migrationBuilder.RenameIndex(
                name: "IX_units_ParentId",
                table: "units",
                newName: "IX_units_parent_id");

            migrationBuilder.RenameColumn(
                name: "Year",
                table: "targets",
                newName: "year");

            migrationBuilder.RenameColumn(
                name: "Weight",
                table: "targets",
                newName: "weight");

            migrationBuilder.RenameColumn(
                name: "Specific",
                table: "targets",
                newName: "specific");

            migrationBuilder.RenameColumn(
                name: "Relevant",
                table: "targets",
                newName: "relevant");

            migrationBuilder.RenameColumn(
                name: "Product",
                table: "targets",
                newName: "product");

            migrationBuilder.RenameColumn(
                name: "Month",
                table: "targets",
                newName: "month");

            migrationBuilder.RenameColumn(
                name: "Metric",
                table: "targets",
                newName: "metric");

            migrationBuilder.RenameColumn(
                name: "Measure",
                table: "targets",
                newName: "measure");

            migrationBuilder.RenameColumn(
                name: "Deadline",
                table: "targets",
                newName: "deadline");

            migrationBuilder.RenameColumn(
                name: "Currency",
                table: "targets",
                newName: "currency");

            migrationBuilder.RenameColumn(
                name: "Amount",
                table: "targets",
                newName: "amount");

            migrationBuilder.RenameColumn(
                name: "Achievable",
                table: "targets",
                newName: "achievable");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "targets",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UnitId",
                table: "targets",
                newName: "unit_id");

            migrationBuilder.RenameColumn(
                name: "PersonId",
                table: "targets",
                newName: "person_id");

            migrationBuilder.RenameColumn(
                name: "PartnerId",
                table: "targets",
                newName: "partner_id");

            migrationBuilder.RenameColumn(
                name: "ParentId",
                table: "targets",
                newName: "parent_id");

            migrationBuilder.RenameColumn(
                name: "CreatedBy",
                table: "targets",
                newName: "created_by");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "targets",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_targets_ParentId",
                table: "targets",
                newName: "IX_targets_parent_id");

            migrationBuilder.RenameIndex(
                name: "IX_targets_Metric_Year_UnitId",
                table: "targets",
                newName: "IX_targets_metric_year_unit_id");

            migrationBuilder.RenameIndex(
                name: "IX_targets_Metric_Year_PersonId",
                table: "targets",
                newName: "IX_targets_metric_year_person_id");

            migrationBuilder.RenameIndex(
                name: "IX_targets_Metric_Year_PartnerId",
                table: "targets",
                newName: "IX_targets_metric_year_partner_id");

            migrationBuilder.RenameColumn(
                name: "Reason",
                table: "target_adjustments",
                newName: "reason");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "target_adjustments",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TargetId",
                table: "target_adjustments",
                newName: "target_id");

            migrationBuilder.RenameColumn(
                name: "OldAmount",
                table: "target_adjustments",
                newName: "old_amount");

            migrationBuilder.RenameColumn(
                name: "NewAmount",
                table: "target_adjustments",
                newName: "new_amount");

            migrationBuilder.RenameColumn(
                name: "AdjustedBy",
                table: "target_adjustments",
                newName: "adjusted_by");

            migrationBuilder.RenameColumn(
                name: "AdjustedAt",
                table: "target_adjustments",
                newName: "adjusted_at");

            migrationBuilder.RenameIndex(
                name: "IX_target_adjustments_TargetId",
                table: "target_adjustments",
                newName: "IX_target_adjustments_target_id");

            migrationBuilder.RenameColumn(
                name: "Tier",
                table: "rebate_schedules",
                newName: "tier");

            migrationBuilder.RenameColumn(
                name: "Value",
                table: "policies",
                newName: "value");

            migrationBuilder.RenameColumn(
                name: "Key",
                table: "policies",
                newName: "key");

            migrationBuilder.RenameColumn(
                name: "UpdatedBy",
                table: "policies",
                newName: "updated_by");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "policies",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "Stage",
                table: "pipeline",
                newName: "stage");

            migrationBuilder.RenameColumn(
                name: "Currency",
                table: "pipeline",
                newName: "currency");

            migrationBuilder.RenameColumn(
                name: "Amount",
                table: "pipeline",
                newName: "amount");

            migrationBuilder.RenameColumn(
                name: "WinProbability",
                table: "pipeline",
                newName: "win_probability");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "pipeline",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "OwnerId",
                table: "pipeline",
                newName: "owner_id");

            migrationBuilder.RenameColumn(
                name: "OpportunityId",
                table: "pipeline",
                newName: "opportunity_id");

            migrationBuilder.RenameIndex(
                name: "IX_pipeline_OwnerId",
                table: "pipeline",
                newName: "IX_pipeline_owner_id");

            migrationBuilder.RenameColumn(
                name: "Region",
                table: "person_territories",
                newName: "region");

            migrationBuilder.RenameColumn(
                name: "Province",
                table: "person_territories",
                newName: "province");

            migrationBuilder.RenameColumn(
                name: "City",
                table: "person_territories",
                newName: "city");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "person_territories",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "PersonId",
                table: "person_territories",
                newName: "person_id");

            migrationBuilder.RenameIndex(
                name: "IX_person_territories_Region",
                table: "person_territories",
                newName: "IX_person_territories_region");

            migrationBuilder.RenameIndex(
                name: "IX_person_territories_PersonId",
                table: "person_territories",
                newName: "IX_person_territories_person_id");

            migrationBuilder.RenameColumn(
                name: "Specialty",
                table: "people",
                newName: "specialty");

            migrationBuilder.RenameColumn(
                name: "Role",
                table: "people",
                newName: "role");

            migrationBuilder.RenameColumn(
                name: "Path",
                table: "people",
                newName: "path");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "people",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Industries",
                table: "people",
                newName: "industries");

            migrationBuilder.RenameColumn(
                name: "Email",
                table: "people",
                newName: "email");

            migrationBuilder.RenameColumn(
                name: "Capacity",
                table: "people",
                newName: "capacity");

            migrationBuilder.RenameColumn(
                name: "Active",
                table: "people",
                newName: "active");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "people",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UnitId",
                table: "people",
                newName: "unit_id");

            migrationBuilder.RenameColumn(
                name: "OpenLeads",
                table: "people",
                newName: "open_leads");

            migrationBuilder.RenameColumn(
                name: "ManagerId",
                table: "people",
                newName: "manager_id");

            migrationBuilder.RenameIndex(
                name: "IX_people_Role_Active",
                table: "people",
                newName: "IX_people_role_active");

            migrationBuilder.RenameIndex(
                name: "IX_people_Path",
                table: "people",
                newName: "IX_people_path");

            migrationBuilder.RenameIndex(
                name: "IX_people_Email",
                table: "people",
                newName: "IX_people_email");

            migrationBuilder.RenameIndex(
                name: "IX_people_UnitId",
                table: "people",
                newName: "IX_people_unit_id");

            migrationBuilder.RenameIndex(
                name: "IX_people_ManagerId",
                table: "people",
                newName: "IX_people_manager_id");

            migrationBuilder.RenameColumn(
                name: "Tier",
                table: "partners",
                newName: "tier");

            migrationBuilder.RenameColumn(
                name: "Region",
                table: "partners",
                newName: "region");

            migrationBuilder.RenameColumn(
                name: "Province",
                table: "partners",
                newName: "province");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "partners",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "partners",
                newName: "kind");

            migrationBuilder.RenameColumn(
                name: "City",
                table: "partners",
                newName: "city");

            migrationBuilder.RenameColumn(
                name: "Active",
                table: "partners",
                newName: "active");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "partners",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "ManagerId",
                table: "partners",
                newName: "manager_id");

            migrationBuilder.RenameColumn(
                name: "Currency",
                table: "overdue_snapshots",
                newName: "currency");

            migrationBuilder.RenameColumn(
                name: "Amount",
                table: "overdue_snapshots",
                newName: "amount");

            migrationBuilder.RenameColumn(
                name: "Month",
                table: "overdue_snapshots",
                newName: "month");

            migrationBuilder.RenameColumn(
                name: "AsOf",
                table: "overdue_snapshots",
                newName: "as_of");

            migrationBuilder.RenameColumn(
                name: "OwnerId",
                table: "overdue_snapshots",
                newName: "owner_id");

            migrationBuilder.RenameColumn(
                name: "Open",
                table: "lead_loads",
                newName: "open");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "lead_loads",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "PartnerId",
                table: "lead_loads",
                newName: "partner_id");

            migrationBuilder.RenameColumn(
                name: "OwnerId",
                table: "lead_loads",
                newName: "owner_id");

            migrationBuilder.RenameColumn(
                name: "LeadId",
                table: "lead_loads",
                newName: "lead_id");

            migrationBuilder.RenameIndex(
                name: "IX_lead_loads_PartnerId",
                table: "lead_loads",
                newName: "IX_lead_loads_partner_id");

            migrationBuilder.RenameIndex(
                name: "IX_lead_loads_OwnerId_Open",
                table: "lead_loads",
                newName: "IX_lead_loads_owner_id_open");

            migrationBuilder.RenameColumn(
                name: "Score",
                table: "kpi_facts",
                newName: "score");

            migrationBuilder.RenameColumn(
                name: "Month",
                table: "kpi_facts",
                newName: "month");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "kpi_facts",
                newName: "kind");

            migrationBuilder.RenameColumn(
                name: "Days",
                table: "kpi_facts",
                newName: "days");

            migrationBuilder.RenameColumn(
                name: "Currency",
                table: "kpi_facts",
                newName: "currency");

            migrationBuilder.RenameColumn(
                name: "Amount",
                table: "kpi_facts",
                newName: "amount");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "kpi_facts",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "PersonId",
                table: "kpi_facts",
                newName: "person_id");

            migrationBuilder.RenameColumn(
                name: "PartnerId",
                table: "kpi_facts",
                newName: "partner_id");

            migrationBuilder.RenameColumn(
                name: "OccurredAt",
                table: "kpi_facts",
                newName: "occurred_at");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "kpi_facts",
                newName: "event_id");

            migrationBuilder.RenameColumn(
                name: "CustomerId",
                table: "kpi_facts",
                newName: "customer_id");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_PersonId_Month",
                table: "kpi_facts",
                newName: "IX_kpi_facts_person_id_month");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_PartnerId_Month",
                table: "kpi_facts",
                newName: "IX_kpi_facts_partner_id_month");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_EventId_Kind",
                table: "kpi_facts",
                newName: "IX_kpi_facts_event_id_kind");

            migrationBuilder.RenameColumn(
                name: "Status",
                table: "improvement_plans",
                newName: "status");

            migrationBuilder.RenameColumn(
                name: "Reason",
                table: "improvement_plans",
                newName: "reason");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "improvement_plans",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TriggerPeriod",
                table: "improvement_plans",
                newName: "trigger_period");

            migrationBuilder.RenameColumn(
                name: "PersonId",
                table: "improvement_plans",
                newName: "person_id");

            migrationBuilder.RenameColumn(
                name: "OpenedAt",
                table: "improvement_plans",
                newName: "opened_at");

            migrationBuilder.RenameColumn(
                name: "ManagerId",
                table: "improvement_plans",
                newName: "manager_id");

            migrationBuilder.RenameColumn(
                name: "ClosedAt",
                table: "improvement_plans",
                newName: "closed_at");

            migrationBuilder.RenameIndex(
                name: "IX_improvement_plans_PersonId_Status",
                table: "improvement_plans",
                newName: "IX_improvement_plans_person_id_status");

            migrationBuilder.RenameIndex(
                name: "IX_improvement_plans_ManagerId",
                table: "improvement_plans",
                newName: "IX_improvement_plans_manager_id");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "commission_plans",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "commission_plans",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "IsDefault",
                table: "commission_plans",
                newName: "is_default");

            migrationBuilder.RenameColumn(
                name: "AcceleratorRate",
                table: "commission_plans",
                newName: "accelerator_rate");

            migrationBuilder.AddForeignKey(
                name: "FK_person_territories_people_person_id",
                table: "person_territories",
                column: "person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_target_adjustments_targets_target_id",
                table: "target_adjustments",
                column: "target_id",
                principalTable: "targets",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_person_territories_people_person_id",
                table: "person_territories");

            migrationBuilder.DropForeignKey(
                name: "FK_target_adjustments_targets_target_id",
                table: "target_adjustments");

            migrationBuilder.RenameColumn(
                name: "path",
                table: "units",
                newName: "Path");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "units",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "level",
                table: "units",
                newName: "Level");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "units",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "parent_id",
                table: "units",
                newName: "ParentId");

            migrationBuilder.RenameColumn(
                name: "name_path",
                table: "units",
                newName: "NamePath");

            migrationBuilder.RenameIndex(
                name: "IX_units_path",
                table: "units",
                newName: "IX_units_Path");

            migrationBuilder.RenameIndex(
                name: "IX_units_parent_id",
                table: "units",
                newName: "IX_units_ParentId");

            migrationBuilder.RenameColumn(
                name: "year",
                table: "targets",
                newName: "Year");

            migrationBuilder.RenameColumn(
                name: "weight",
                table: "targets",
                newName: "Weight");

            migrationBuilder.RenameColumn(
                name: "specific",
                table: "targets",
                newName: "Specific");

            migrationBuilder.RenameColumn(
                name: "relevant",
                table: "targets",
                newName: "Relevant");

            migrationBuilder.RenameColumn(
                name: "product",
                table: "targets",
                newName: "Product");

            migrationBuilder.RenameColumn(
                name: "month",
                table: "targets",
                newName: "Month");

            migrationBuilder.RenameColumn(
                name: "metric",
                table: "targets",
                newName: "Metric");

            migrationBuilder.RenameColumn(
                name: "measure",
                table: "targets",
                newName: "Measure");

            migrationBuilder.RenameColumn(
                name: "deadline",
                table: "targets",
                newName: "Deadline");

            migrationBuilder.RenameColumn(
                name: "currency",
                table: "targets",
                newName: "Currency");

            migrationBuilder.RenameColumn(
                name: "amount",
                table: "targets",
                newName: "Amount");

            migrationBuilder.RenameColumn(
                name: "achievable",
                table: "targets",
                newName: "Achievable");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "targets",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "unit_id",
                table: "targets",
                newName: "UnitId");

            migrationBuilder.RenameColumn(
                name: "person_id",
                table: "targets",
                newName: "PersonId");

            migrationBuilder.RenameColumn(
                name: "partner_id",
                table: "targets",
                newName: "PartnerId");

            migrationBuilder.RenameColumn(
                name: "parent_id",
                table: "targets",
                newName: "ParentId");

            migrationBuilder.RenameColumn(
                name: "created_by",
                table: "targets",
                newName: "CreatedBy");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "targets",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_targets_parent_id",
                table: "targets",
                newName: "IX_targets_ParentId");

            migrationBuilder.RenameIndex(
                name: "IX_targets_metric_year_unit_id",
                table: "targets",
                newName: "IX_targets_Metric_Year_UnitId");

            migrationBuilder.RenameIndex(
                name: "IX_targets_metric_year_person_id",
                table: "targets",
                newName: "IX_targets_Metric_Year_PersonId");

            migrationBuilder.RenameIndex(
                name: "IX_targets_metric_year_partner_id",
                table: "targets",
                newName: "IX_targets_Metric_Year_PartnerId");

            migrationBuilder.RenameColumn(
                name: "reason",
                table: "target_adjustments",
                newName: "Reason");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "target_adjustments",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "target_id",
                table: "target_adjustments",
                newName: "TargetId");

            migrationBuilder.RenameColumn(
                name: "old_amount",
                table: "target_adjustments",
                newName: "OldAmount");

            migrationBuilder.RenameColumn(
                name: "new_amount",
                table: "target_adjustments",
                newName: "NewAmount");

            migrationBuilder.RenameColumn(
                name: "adjusted_by",
                table: "target_adjustments",
                newName: "AdjustedBy");

            migrationBuilder.RenameColumn(
                name: "adjusted_at",
                table: "target_adjustments",
                newName: "AdjustedAt");

            migrationBuilder.RenameIndex(
                name: "IX_target_adjustments_target_id",
                table: "target_adjustments",
                newName: "IX_target_adjustments_TargetId");

            migrationBuilder.RenameColumn(
                name: "tier",
                table: "rebate_schedules",
                newName: "Tier");

            migrationBuilder.RenameColumn(
                name: "value",
                table: "policies",
                newName: "Value");

            migrationBuilder.RenameColumn(
                name: "key",
                table: "policies",
                newName: "Key");

            migrationBuilder.RenameColumn(
                name: "updated_by",
                table: "policies",
                newName: "UpdatedBy");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "policies",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "stage",
                table: "pipeline",
                newName: "Stage");

            migrationBuilder.RenameColumn(
                name: "currency",
                table: "pipeline",
                newName: "Currency");

            migrationBuilder.RenameColumn(
                name: "amount",
                table: "pipeline",
                newName: "Amount");

            migrationBuilder.RenameColumn(
                name: "win_probability",
                table: "pipeline",
                newName: "WinProbability");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "pipeline",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "pipeline",
                newName: "OwnerId");

            migrationBuilder.RenameColumn(
                name: "opportunity_id",
                table: "pipeline",
                newName: "OpportunityId");

            migrationBuilder.RenameIndex(
                name: "IX_pipeline_owner_id",
                table: "pipeline",
                newName: "IX_pipeline_OwnerId");

            migrationBuilder.RenameColumn(
                name: "region",
                table: "person_territories",
                newName: "Region");

            migrationBuilder.RenameColumn(
                name: "province",
                table: "person_territories",
                newName: "Province");

            migrationBuilder.RenameColumn(
                name: "city",
                table: "person_territories",
                newName: "City");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "person_territories",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "person_id",
                table: "person_territories",
                newName: "PersonId");

            migrationBuilder.RenameIndex(
                name: "IX_person_territories_region",
                table: "person_territories",
                newName: "IX_person_territories_Region");

            migrationBuilder.RenameIndex(
                name: "IX_person_territories_person_id",
                table: "person_territories",
                newName: "IX_person_territories_PersonId");

            migrationBuilder.RenameColumn(
                name: "specialty",
                table: "people",
                newName: "Specialty");

            migrationBuilder.RenameColumn(
                name: "role",
                table: "people",
                newName: "Role");

            migrationBuilder.RenameColumn(
                name: "path",
                table: "people",
                newName: "Path");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "people",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "industries",
                table: "people",
                newName: "Industries");

            migrationBuilder.RenameColumn(
                name: "email",
                table: "people",
                newName: "Email");

            migrationBuilder.RenameColumn(
                name: "capacity",
                table: "people",
                newName: "Capacity");

            migrationBuilder.RenameColumn(
                name: "active",
                table: "people",
                newName: "Active");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "people",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "unit_id",
                table: "people",
                newName: "UnitId");

            migrationBuilder.RenameColumn(
                name: "open_leads",
                table: "people",
                newName: "OpenLeads");

            migrationBuilder.RenameColumn(
                name: "manager_id",
                table: "people",
                newName: "ManagerId");

            migrationBuilder.RenameIndex(
                name: "IX_people_role_active",
                table: "people",
                newName: "IX_people_Role_Active");

            migrationBuilder.RenameIndex(
                name: "IX_people_path",
                table: "people",
                newName: "IX_people_Path");

            migrationBuilder.RenameIndex(
                name: "IX_people_email",
                table: "people",
                newName: "IX_people_Email");

            migrationBuilder.RenameIndex(
                name: "IX_people_unit_id",
                table: "people",
                newName: "IX_people_UnitId");

            migrationBuilder.RenameIndex(
                name: "IX_people_manager_id",
                table: "people",
                newName: "IX_people_ManagerId");

            migrationBuilder.RenameColumn(
                name: "tier",
                table: "partners",
                newName: "Tier");

            migrationBuilder.RenameColumn(
                name: "region",
                table: "partners",
                newName: "Region");

            migrationBuilder.RenameColumn(
                name: "province",
                table: "partners",
                newName: "Province");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "partners",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "kind",
                table: "partners",
                newName: "Kind");

            migrationBuilder.RenameColumn(
                name: "city",
                table: "partners",
                newName: "City");

            migrationBuilder.RenameColumn(
                name: "active",
                table: "partners",
                newName: "Active");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "partners",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "manager_id",
                table: "partners",
                newName: "ManagerId");

            migrationBuilder.RenameColumn(
                name: "currency",
                table: "overdue_snapshots",
                newName: "Currency");

            migrationBuilder.RenameColumn(
                name: "amount",
                table: "overdue_snapshots",
                newName: "Amount");

            migrationBuilder.RenameColumn(
                name: "month",
                table: "overdue_snapshots",
                newName: "Month");

            migrationBuilder.RenameColumn(
                name: "as_of",
                table: "overdue_snapshots",
                newName: "AsOf");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "overdue_snapshots",
                newName: "OwnerId");

            migrationBuilder.RenameColumn(
                name: "open",
                table: "lead_loads",
                newName: "Open");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "lead_loads",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "partner_id",
                table: "lead_loads",
                newName: "PartnerId");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "lead_loads",
                newName: "OwnerId");

            migrationBuilder.RenameColumn(
                name: "lead_id",
                table: "lead_loads",
                newName: "LeadId");

            migrationBuilder.RenameIndex(
                name: "IX_lead_loads_partner_id",
                table: "lead_loads",
                newName: "IX_lead_loads_PartnerId");

            migrationBuilder.RenameIndex(
                name: "IX_lead_loads_owner_id_open",
                table: "lead_loads",
                newName: "IX_lead_loads_OwnerId_Open");

            migrationBuilder.RenameColumn(
                name: "score",
                table: "kpi_facts",
                newName: "Score");

            migrationBuilder.RenameColumn(
                name: "month",
                table: "kpi_facts",
                newName: "Month");

            migrationBuilder.RenameColumn(
                name: "kind",
                table: "kpi_facts",
                newName: "Kind");

            migrationBuilder.RenameColumn(
                name: "days",
                table: "kpi_facts",
                newName: "Days");

            migrationBuilder.RenameColumn(
                name: "currency",
                table: "kpi_facts",
                newName: "Currency");

            migrationBuilder.RenameColumn(
                name: "amount",
                table: "kpi_facts",
                newName: "Amount");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "kpi_facts",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "person_id",
                table: "kpi_facts",
                newName: "PersonId");

            migrationBuilder.RenameColumn(
                name: "partner_id",
                table: "kpi_facts",
                newName: "PartnerId");

            migrationBuilder.RenameColumn(
                name: "occurred_at",
                table: "kpi_facts",
                newName: "OccurredAt");

            migrationBuilder.RenameColumn(
                name: "event_id",
                table: "kpi_facts",
                newName: "EventId");

            migrationBuilder.RenameColumn(
                name: "customer_id",
                table: "kpi_facts",
                newName: "CustomerId");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_person_id_month",
                table: "kpi_facts",
                newName: "IX_kpi_facts_PersonId_Month");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_partner_id_month",
                table: "kpi_facts",
                newName: "IX_kpi_facts_PartnerId_Month");

            migrationBuilder.RenameIndex(
                name: "IX_kpi_facts_event_id_kind",
                table: "kpi_facts",
                newName: "IX_kpi_facts_EventId_Kind");

            migrationBuilder.RenameColumn(
                name: "status",
                table: "improvement_plans",
                newName: "Status");

            migrationBuilder.RenameColumn(
                name: "reason",
                table: "improvement_plans",
                newName: "Reason");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "improvement_plans",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "trigger_period",
                table: "improvement_plans",
                newName: "TriggerPeriod");

            migrationBuilder.RenameColumn(
                name: "person_id",
                table: "improvement_plans",
                newName: "PersonId");

            migrationBuilder.RenameColumn(
                name: "opened_at",
                table: "improvement_plans",
                newName: "OpenedAt");

            migrationBuilder.RenameColumn(
                name: "manager_id",
                table: "improvement_plans",
                newName: "ManagerId");

            migrationBuilder.RenameColumn(
                name: "closed_at",
                table: "improvement_plans",
                newName: "ClosedAt");

            migrationBuilder.RenameIndex(
                name: "IX_improvement_plans_person_id_status",
                table: "improvement_plans",
                newName: "IX_improvement_plans_PersonId_Status");

            migrationBuilder.RenameIndex(
                name: "IX_improvement_plans_manager_id",
                table: "improvement_plans",
                newName: "IX_improvement_plans_ManagerId");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "commission_plans",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "commission_plans",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "is_default",
                table: "commission_plans",
                newName: "IsDefault");

            migrationBuilder.RenameColumn(
                name: "accelerator_rate",
                table: "commission_plans",
                newName: "AcceleratorRate");

            migrationBuilder.AddForeignKey(
                name: "FK_person_territories_people_PersonId",
                table: "person_territories",
                column: "PersonId",
                principalTable: "people",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_target_adjustments_targets_TargetId",
                table: "target_adjustments",
                column: "TargetId",
                principalTable: "targets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
