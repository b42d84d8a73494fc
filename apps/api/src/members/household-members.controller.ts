import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { ParseRowIdPipe, RowIdParam } from '../validation/bounds';
import {
  AddHouseholdMemberDto,
  ChangeHouseholdMemberDto,
  EndHouseholdMemberDto,
  HouseholdMemberView,
} from './dto/household-member.dto';
import { HouseholdMembersService } from './household-members.service';

const UUID = new ParseUUIDPipe();
const MemberIdParam = () => RowIdParam('memberId', 'The member id (HouseholdMemberView.id)');

@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only coordinators who may read the case edit its household' })
@ApiParam({ name: 'id', format: 'uuid', description: 'The case id' })
@Controller({ path: 'cases/:id/members', version: '1' })
export class HouseholdMembersController {
  constructor(private readonly members: HouseholdMembersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a member who joins the household' })
  @ApiCreatedResponse({ type: HouseholdMemberView })
  add(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: AddHouseholdMemberDto,
  ): Promise<HouseholdMemberView> {
    return this.members.add(ctx, id, dto);
  }

  @Patch(':memberId')
  @ApiOperation({ summary: "Change a member's name, relation, age or period" })
  @ApiOkResponse({ type: HouseholdMemberView })
  @MemberIdParam()
  change(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Param('memberId', new ParseRowIdPipe()) memberId: number,
    @Body() dto: ChangeHouseholdMemberDto,
  ): Promise<HouseholdMemberView> {
    return this.members.change(ctx, id, memberId, dto);
  }

  @Post(':memberId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a membership: the member left the household on `to`' })
  @ApiOkResponse({ type: HouseholdMemberView })
  @MemberIdParam()
  end(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Param('memberId', new ParseRowIdPipe()) memberId: number,
    @Body() dto: EndHouseholdMemberDto,
  ): Promise<HouseholdMemberView> {
    return this.members.change(ctx, id, memberId, { to: dto.to }, 'member.ended');
  }
}
