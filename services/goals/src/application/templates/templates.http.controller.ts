import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { RequestInvalid } from '@rhythm/operability';
import type { Response } from 'express';
import {
  findTemplate,
  objectiveTemplates,
  templateCategories,
  trainingModules,
  type Language,
} from '../../goals-domain';
import { preferredLanguage } from './preferred-language';
import {
  templateIn,
  TemplateResponse,
  trainingIn,
  TrainingModuleResponse,
} from './templates.responses';

const acceptLanguage = ApiHeader({
  name: 'Accept-Language',
  required: false,
  description: 'en (default) or nl',
});

/** The library of objective templates and the training material, in English and Dutch. */
@ApiTags('templates and training')
@ApiBearerAuth()
@Controller()
export class TemplatesHttpController {
  @Get('templates')
  @ApiOperation({ summary: 'Objective templates with example key results' })
  @acceptLanguage
  @ApiQuery({ name: 'category', required: false, enum: templateCategories })
  @ApiOkResponse({ type: [TemplateResponse] })
  templates(
    @Headers('accept-language') header: string | undefined,
    @Query('category') category: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): TemplateResponse[] {
    if (category !== undefined && !(templateCategories as readonly string[]).includes(category)) {
      throw new RequestInvalid({ category: `must be one of ${templateCategories.join(', ')}` });
    }
    const language = this.answerIn(header, response);
    return objectiveTemplates
      .filter((template) => category === undefined || template.category === category)
      .map((template) => templateIn(template, language));
  }

  @Get('templates/:templateId')
  @ApiOperation({ summary: 'One objective template' })
  @acceptLanguage
  @ApiOkResponse({ type: TemplateResponse })
  @ApiNotFoundResponse()
  template(
    @Headers('accept-language') header: string | undefined,
    @Param('templateId') templateId: string,
    @Res({ passthrough: true }) response: Response,
  ): TemplateResponse {
    const template = findTemplate(templateId);
    return templateIn(template, this.answerIn(header, response));
  }

  @Get('training')
  @ApiOperation({ summary: 'Short training material for newcomers to OKRs' })
  @acceptLanguage
  @ApiOkResponse({ type: [TrainingModuleResponse] })
  training(
    @Headers('accept-language') header: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): TrainingModuleResponse[] {
    const language = this.answerIn(header, response);
    return trainingModules.map((module) => trainingIn(module, language));
  }

  private answerIn(header: string | undefined, response: Response): Language {
    const language = preferredLanguage(header);
    response.setHeader('Content-Language', language);
    response.setHeader('Vary', 'Accept-Language');
    return language;
  }
}
